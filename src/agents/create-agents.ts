import type { AgentName } from "../domain/step.js";
import { checkChanges, type GuardrailRules } from "../guardrails/index.js";
import type { Provider } from "../llm/provider.js";
import type { Agent, AgentInput, AgentResult, Usage } from "../domain/agent.js";

export const AGENT_NAMES = ["CodeGenerationAgent", "TestingAgent", "DocumentationAgent"] as const satisfies readonly AgentName[];

export interface AgentOptions {
  /** Paths and limits from the repository config; house rules apply whatever these say. */
  rules?: Partial<GuardrailRules>;
}

const NO_USAGE: Usage = { tokensIn: 0, tokensOut: 0, costUsd: 0 };

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One agent: the provider thinks, the guardrails decide what may leave. */
function createAgent(name: AgentName, provider: Provider, options: AgentOptions): Agent {
  return {
    name,
    async run(input: AgentInput): Promise<AgentResult> {
      let result: AgentResult;
      try {
        result = await provider.run(name, input);
      } catch (error) {
        return { outcome: "failed", error: `The ${provider.name} provider failed: ${describeError(error)}`, usage: NO_USAGE };
      }
      if (result.outcome !== "succeeded") return result;
      const checked = checkChanges(result.changes, options.rules);
      if (!checked.ok) {
        const violations = checked.violations.map((v) => v.message);
        return {
          outcome: "failed",
          error: `The guardrails rejected the ${name}'s changes: ${violations.join(" ")}`,
          violations,
          usage: result.usage,
        };
      }
      return { ...result, changes: checked.changes };
    },
  };
}

/** CodeGenerationAgent, TestingAgent and DocumentationAgent over one provider. */
export function createAgents(provider: Provider, options: AgentOptions = {}): Record<AgentName, Agent> {
  return {
    CodeGenerationAgent: createAgent("CodeGenerationAgent", provider, options),
    TestingAgent: createAgent("TestingAgent", provider, options),
    DocumentationAgent: createAgent("DocumentationAgent", provider, options),
  };
}
