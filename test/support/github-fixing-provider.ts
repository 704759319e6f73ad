import type { AgentInput, AgentResult } from "../../src/domain/agent.js";
import type { AgentName } from "../../src/domain/step.js";
import type { Provider } from "../../src/llm/provider.js";
import { createTemplateProvider } from "../../src/llm/template/template-provider.js";

/**
 * The template provider, plus a stand-in for a model's repair: on a fix round the code step notes
 * each failure it answers (and the first line of each request) in the route file, so a fix is a
 * real, different commit. The built-in provider itself refuses fix rounds, as it should.
 */
export function createFixingProvider(): Provider {
  const template = createTemplateProvider();
  return {
    ...template,
    async run(agent: AgentName, input: AgentInput): Promise<AgentResult> {
      const fix = input.fix;
      if (!fix) return template.run(agent, input);
      // The repair is the code step's; the tests and docs already on the branch stand.
      if (agent !== "CodeGenerationAgent") return { outcome: "succeeded", changes: [], report: { summary: "The tests and docs on the branch stand.", details: [] }, usage: { tokensIn: 0, tokensOut: 0, costUsd: 0 } };
      // The branch already holds the endpoint; the repair is an edit on top of it.
      const path = "src/routes/todos.js";
      const current = (await input.repo.read(path)) ?? "";
      const notes = [
        ...fix.failures.map((f) => `// fix attempt ${fix.attempt}: ${f.name}`),
        ...fix.requests.map((r) => `// fix attempt ${fix.attempt}, asked: ${r.split("\n")[0]}`),
      ];
      const note = notes.join("\n");
      return {
        outcome: "succeeded",
        changes: [{ action: "modify", path, content: `${current.trimEnd()}\n${note}\n` }],
        report: { summary: `Answered ${fix.failures.length} failing test(s) and ${fix.requests.length} request(s).`, details: [] },
        usage: { tokensIn: 0, tokensOut: 0, costUsd: 0 },
      };
    },
  };
}
