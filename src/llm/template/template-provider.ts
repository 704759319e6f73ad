import type { AgentInput, AgentResult, Usage } from "../../domain/agent.js";
import { understandTask } from "../../understand/understand-task.js";
import type { RepositoryFacts } from "../../domain/plan.js";
import type { TaskSpec } from "../../domain/task-spec.js";
import type { AgentName } from "../../domain/step.js";
import type { RepoView } from "../../domain/forge.js";
import type { Assessment, Draft, Provider } from "../provider.js";
import { buildChange, type Change } from "./engine/build-change.js";
import { declineText } from "./engine/decline-text.js";
import type { Result } from "./frameworks/framework.js";
import { FRAMEWORKS } from "./frameworks/index.js";

const FREE: Usage = { tokensIn: 0, tokensOut: 0, costUsd: 0 };
// A plan and its three agents ask about the same task and commit: work it out once.
const CACHED_CHANGES = 16;

function fixReason(input: AgentInput): string {
  const failures = input.fix?.failures ?? [];
  const named = failures.slice(0, 5).map((f) => `"${f.name}"`).join(", ");
  const what = failures.length > 0 ? `${failures.length} failing test${failures.length === 1 ? "" : "s"} (${named}${failures.length > 5 ? ", …" : ""})` : "the requested changes";
  return `The built-in template provider writes the same code every time, so it cannot repair ${what}. A person can push a fix to the branch, or a model provider can take over.`;
}

function assess(task: TaskSpec, facts: RepositoryFacts): Assessment {
  const understood = understandTask(task);
  if (!understood.ok) return { supported: false, reason: declineText(understood.missing) };
  if (!FRAMEWORKS[facts.framework]) {
    return { supported: false, reason: "This repository does not use Express, Fastify or FastAPI as far as Archon can tell, and those are the frameworks the built-in provider writes for. Configure a model provider for other stacks (`--provider openai`, or `provider: openai` in .github/archon.yml)." };
  }
  return { supported: true };
}

function result(agent: AgentName, change: Change): AgentResult {
  const { written, docs, endpoints } = change;
  if (agent === "CodeGenerationAgent") {
    return { outcome: "succeeded", changes: written.code, report: { summary: `Added ${endpoints}.`, details: written.notes.filter((n) => !/tests? in `/.test(n)) }, usage: FREE };
  }
  if (agent === "TestingAgent") {
    return {
      outcome: "succeeded",
      changes: written.tests,
      report: { summary: `Added ${written.testNames.length} tests for ${endpoints}, one for each behaviour the issue states.`, details: written.notes.filter((n) => /tests? in `/.test(n)), testsAdded: written.testNames },
      usage: FREE,
    };
  }
  return { outcome: "succeeded", changes: docs.changes, report: { summary: `Documented ${endpoints}.`, details: docs.details, documents: docs.documents }, usage: FREE };
}

/** The built-in provider: deterministic, no network, no model. */
export function createTemplateProvider(): Provider {
  const changes = new Map<string, Promise<Result<Change>>>();
  function changeFor(task: TaskSpec, repo: RepoView, facts: RepositoryFacts): Promise<Result<Change>> {
    const key = JSON.stringify([repo.ref, facts, task]);
    let found = changes.get(key);
    if (!found) {
      found = buildChange(task, repo, facts);
      changes.set(key, found);
      if (changes.size > CACHED_CHANGES) changes.delete(changes.keys().next().value!);
    }
    return found;
  }
  return {
    name: "template",
    model: undefined,
    assess,
    async draft(task, repo, facts): Promise<Draft> {
      const change = await changeFor(task, repo, facts);
      if (!change.ok) return { supported: false, reason: declineText(change.decline) };
      const { written, docs, endpoints } = change.value;
      return {
        supported: true,
        files: { CodeGenerationAgent: written.code.map((c) => c.path), TestingAgent: written.tests.map((c) => c.path), DocumentationAgent: docs.changes.map((c) => c.path) },
        summary: endpoints,
      };
    },
    async run(agent, input) {
      if (input.fix && (input.fix.failures.length > 0 || input.fix.requests.length > 0)) return { outcome: "unsupported", reason: fixReason(input), usage: FREE };
      const change = await changeFor(input.task, input.repo, input.facts);
      if (!change.ok) return { outcome: "unsupported", reason: declineText(change.decline), usage: FREE };
      return result(agent, change.value);
    },
  };
}
