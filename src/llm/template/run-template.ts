import type { AgentInput, AgentResult, Usage } from "../../agents/agent.js";
import { parseTaskRequest } from "../../agents/task-request.js";
import type { AgentName } from "../../db/task.table.js";
import type { FrameworkAdapter } from "./adapter.js";
import { declined } from "./advice.js";
import { assessTask } from "./assess-task.js";
import { buildBlueprint, requestedShapes } from "./build-blueprint.js";
import { writeDocs } from "./docs/write-docs.js";
import { jsAdapter } from "./js/js-adapter.js";
import { type Analysis, resourceNames, routeShape } from "./model.js";
import { pyAdapter } from "./py/py-adapter.js";

const FREE: Usage = { tokensIn: 0, tokensOut: 0, costUsd: 0 };

function unsupported(reason: string): AgentResult {
  return { outcome: "unsupported", reason, usage: FREE };
}

function adapterFor(input: AgentInput): Promise<Analysis<FrameworkAdapter>> {
  return input.facts.framework === "fastapi" ? pyAdapter(input.repo, input.facts) : jsAdapter(input.repo, input.facts);
}

function fixReason(input: AgentInput): string {
  const failures = input.fix?.failures ?? [];
  const named = failures.slice(0, 5).map((f) => `"${f.name}"`).join(", ");
  const what = failures.length > 0 ? `${failures.length} failing test${failures.length === 1 ? "" : "s"} (${named}${failures.length > 5 ? ", …" : ""})` : "the requested changes";
  return `The built-in template provider writes the same code every time, so it cannot repair ${what}. A person can push a fix to the branch, or a model can take over.`;
}

/** One agent's work through the template provider: parse, read the repository, build, render. */
export async function runTemplate(agent: AgentName, input: AgentInput): Promise<AgentResult> {
  const assessment = assessTask(input.task, input.facts);
  if (!assessment.supported) return unsupported(assessment.reason);
  if (input.fix && (input.fix.failures.length > 0 || input.fix.requests.length > 0)) return unsupported(declined(fixReason(input)));
  const request = parseTaskRequest(input.task);
  if (request.kind === "not-understood") return unsupported(declined(request.reason));
  const adapter = await adapterFor(input);
  if (!adapter.ok) return unsupported(declined(adapter.reason));
  const existing = adapter.value.existing(resourceNames(request.resource));
  // Tests and docs describe what the code step wrote, even when the view already holds it.
  const written = new Set(input.previousChanges.map((c) => c.path));
  const shapes = requestedShapes(request);
  const routes = existing.routes.filter((r) => !(written.has(r.file) && shapes.has(routeShape(r.method, r.path))));
  const blueprint = buildBlueprint(request, { ...existing, routes });
  if (!blueprint.ok) return unsupported(declined(blueprint.reason));
  const bp = blueprint.value;
  const endpoints = bp.operations.map((op) => `${op.method} ${adapter.value.pathStyle(op.path)}`).join(", ");

  if (agent === "CodeGenerationAgent") {
    const code = await adapter.value.writeCode(bp);
    if (!code.ok) return unsupported(declined(code.reason));
    const details = code.value.map((c) => `${c.action === "create" ? "Created" : "Changed"} \`${c.path}\`.`);
    if (!bp.isNewResource) details.unshift(`The new routes use the same in-memory store as the existing ${bp.names.plural} routes.`);
    return { outcome: "succeeded", changes: code.value, report: { summary: `Added ${endpoints}.`, details }, usage: FREE };
  }
  if (agent === "TestingAgent") {
    const tests = await adapter.value.writeTests(bp);
    if (!tests.ok) return unsupported(declined(tests.reason));
    return {
      outcome: "succeeded",
      changes: [tests.value.change],
      report: {
        summary: `Added ${tests.value.testNames.length} tests for ${endpoints}.`,
        details: [`Wrote \`${tests.value.change.path}\` in the style of \`${tests.value.model}\`: success, not found and invalid input.`],
        testsAdded: tests.value.testNames,
      },
      usage: FREE,
    };
  }
  const docs = await writeDocs(input.repo, bp, adapter.value.pathStyle, adapter.value.errorKey, adapter.value.port);
  return {
    outcome: "succeeded",
    changes: docs.changes,
    report: { summary: `Documented ${endpoints}.`, details: docs.details, documents: docs.documents },
    usage: FREE,
  };
}
