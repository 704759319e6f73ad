import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { promisify } from "node:util";
import { understandTask } from "../../../../src/understand/understand-task.js";
import { TaskSpec } from "../../../../src/domain/task-spec.js";
import type { RepositoryFacts } from "../../../../src/domain/plan.js";
import type { RepoView } from "../../../../src/domain/forge.js";
import type { Blueprint } from "../../../../src/llm/template/blueprint/blueprint.js";
import { resolveBlueprint } from "../../../../src/llm/template/blueprint/resolve.js";
import type { Decline, RepoReading, Written } from "../../../../src/llm/template/frameworks/framework.js";
import { fastify } from "../../../../src/llm/template/frameworks/fastify/index.js";
import { deriveTests } from "../../../../src/llm/template/testgen/derive-tests.js";
import { detectFacts } from "../../../../src/repo/detect-facts.js";
import { ROOT_NODE_MODULES } from "../../../support/fs-repo-view.js";

const run = promisify(execFile);

/** A RepoView over files given inline, for small reader cases. */
export function memoryRepo(files: Record<string, string>): RepoView {
  return {
    ref: "HEAD",
    async files() {
      return Object.keys(files)
        .sort()
        .map((path) => ({ path, sha: createHash("sha1").update(files[path]!).digest("hex"), size: Buffer.byteLength(files[path]!) }));
    },
    async read(path) {
      return files[path];
    },
  };
}

export const ESM_FACTS: RepositoryFacts = { language: "javascript", framework: "fastify", moduleStyle: "esm", testRunner: "node:test", testCommand: "node --test", paths: [] };

/** Reads a repository through the Fastify framework, failing the test on a decline. */
export async function readRepo(repo: RepoView, facts?: RepositoryFacts): Promise<RepoReading> {
  const reading = await fastify.read(repo, facts ?? (await detectFacts(repo)));
  if (!reading.ok) throw new Error(`declined: ${reading.decline.reason}`);
  return reading.value;
}

export type Change = { ok: true; written: Written; blueprint: Blueprint } | { ok: false; decline: Decline };

/** An issue's text (title, blank line, body) to the files the Fastify writer changes. */
export async function issueToChange(repo: RepoView, issue: string): Promise<Change> {
  const [title, ...rest] = issue.trim().split("\n\n");
  const understood = understandTask(TaskSpec.parse({ title, description: rest.join("\n\n") }));
  if (!understood.ok) throw new Error(`not understood: ${understood.missing.reason}`);
  const reading = await readRepo(repo);
  const blueprint = resolveBlueprint(understood.task, reading);
  if (!blueprint.ok) return { ok: false, decline: blueprint.decline };
  const existing = reading.resources.find((r) => r.basePath === blueprint.value.resource?.basePath)?.roles ?? [];
  const written = await reading.write(blueprint.value, deriveTests(blueprint.value, existing));
  return written.ok ? { ok: true, written: written.value, blueprint: blueprint.value } : { ok: false, decline: written.decline };
}

export function mustWrite(change: Change): Written {
  if (!change.ok) throw new Error(`declined: ${change.decline.reason}`);
  return change.written;
}

/** The content of a changed file. */
export function contentOf(written: Written, path: string): string {
  const change = [...written.code, ...written.tests].find((c) => c.path === path);
  if (!change || change.action === "delete") throw new Error(`no ${path} among ${[...written.code, ...written.tests].map((c) => c.path).join(", ")}`);
  return change.content;
}

/** Runs a fixture's own command with the project's tools on PATH, outside this vitest. */
export async function runIn(dir: string, command: string): Promise<{ ok: boolean; output: string }> {
  const env = { PATH: `${join(ROOT_NODE_MODULES, ".bin")}:${process.env.PATH ?? ""}`, HOME: process.env.HOME, CI: "1", NO_COLOR: "1" };
  try {
    const { stdout, stderr } = await run("sh", ["-c", `${command} 2>&1`], { cwd: dir, env, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}
