import type { RepositoryFacts } from "../../../domain/plan.js";
import type { TaskSpec } from "../../../domain/task-spec.js";
import type { RepoView } from "../../../domain/forge.js";
import { understandTask } from "../../../understand/understand-task.js";
import type { Blueprint } from "../blueprint/blueprint.js";
import { resolveBlueprint, routeShape } from "../blueprint/resolve.js";
import { type DocsOutput, documentBlueprint } from "../docs/document-blueprint.js";
import type { Result, Written } from "../frameworks/framework.js";
import { FRAMEWORKS } from "../frameworks/index.js";
import { deriveTests } from "../testgen/derive-tests.js";

/** Everything the three agents commit for one task on one commit, worked out once. */
export interface Change {
  blueprint: Blueprint;
  written: Written;
  docs: DocsOutput;
  /** `GET /api/greeting, POST /api/contacts`: the endpoints, as the framework writes paths. */
  endpoints: string;
}

const SUPPORTED = "Express, Fastify and FastAPI";

/**
 * The template provider's whole work on a task: read the issue, read the repository through its
 * framework, resolve what to build, derive the tests the behaviours call for, and write
 * code, tests and docs the way the repository already does. A decline says, in one sentence,
 * what is missing or not supported and what would help.
 */
export async function buildChange(task: TaskSpec, repo: RepoView, facts: RepositoryFacts): Promise<Result<Change>> {
  const understood = understandTask(task);
  if (!understood.ok) return { ok: false, decline: { reason: understood.missing.reason, add: understood.missing.add } };
  const framework = FRAMEWORKS[facts.framework];
  if (!framework) {
    return { ok: false, decline: { reason: `This repository does not use ${SUPPORTED} as far as Archon can tell, and those are the frameworks the built-in provider writes for.`, add: "Configure a model provider for other stacks (`--provider openai`, or `provider: openai` in .github/archon.yml)." } };
  }
  const reading = await framework.read(repo, facts);
  if (!reading.ok) return reading;
  const resolved = resolveBlueprint(understood.task, reading.value);
  if (!resolved.ok) return resolved;
  const bp = resolved.value;
  const existing = bp.resource ? reading.value.resources.find((r) => routeShape("GET", r.basePath) === routeShape("GET", bp.resource!.basePath)) : undefined;
  const tests = deriveTests(bp, existing?.roles ?? [], reading.value.envelope?.path ?? []);
  const written = await reading.value.write(bp, tests);
  if (!written.ok) return written;
  const pathStyle = framework.id === "fastapi" ? (p: string) => p.replace(/:([A-Za-z_]\w*)/g, "{$1}") : (p: string) => p;
  const docs = await documentBlueprint(repo, bp, pathStyle);
  const endpoints = bp.endpoints.map((e) => `${e.method} ${pathStyle(e.path)}`).join(", ");
  return { ok: true, value: { blueprint: bp, written: written.value, docs, endpoints } };
}
