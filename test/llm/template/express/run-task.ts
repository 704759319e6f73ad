import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { understandTask } from "../../../../src/understand/understand-task.js";
import { resolveBlueprint, routeShape } from "../../../../src/llm/template/blueprint/resolve.js";
import { express } from "../../../../src/llm/template/frameworks/express/index.js";
import type { RepoReading, Written } from "../../../../src/llm/template/frameworks/framework.js";
import { deriveTests } from "../../../../src/llm/template/testgen/derive-tests.js";
import { detectFacts } from "../../../../src/repo/detect-facts.js";
import { applyChanges, copyFixture, fsRepoView, ROOT_NODE_MODULES } from "../../../support/fs-repo-view.js";

const run = promisify(execFile);
const copies: string[] = [];

export function cleanUp(): Promise<void[]> {
  return Promise.all(copies.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export interface TaskRun {
  dir: string;
  written: Written;
  reading: RepoReading;
  files: Record<string, string>;
}

/** Reads an issue, writes it into a copy of a fixture and returns what was written (or throws with the decline). */
export async function runTask(fixture: string, title: string, body = ""): Promise<TaskRun> {
  const dir = await copyFixture(fixture);
  copies.push(dir);
  const repo = fsRepoView(dir);
  const facts = await detectFacts(repo);
  const understood = understandTask({ title, description: body, acceptanceCriteria: [], areas: [] });
  if (!understood.ok) throw new Error(`not understood: ${understood.missing.reason}`);
  const reading = await express.read(repo, facts);
  if (!reading.ok) throw new Error(`read: ${reading.decline.reason}`);
  const bp = resolveBlueprint(understood.task, reading.value);
  if (!bp.ok) throw new Error(`resolve: ${bp.decline.reason}`);
  const existing = reading.value.resources.find((r) => bp.value.resource && routeShape("GET", r.basePath) === routeShape("GET", bp.value.resource.basePath));
  const written = await reading.value.write(bp.value, deriveTests(bp.value, existing?.roles ?? [], reading.value.envelope?.path ?? []));
  if (!written.ok) throw new Error(`write: ${written.decline.reason}`);
  const changes = [...written.value.code, ...written.value.tests];
  await applyChanges(dir, changes);
  const files = Object.fromEntries(changes.map((c) => [c.path, c.action === "delete" ? "" : c.content]));
  return { dir, written: written.value, reading: reading.value, files };
}

/** Runs a command in the fixture copy with the project's tools on PATH. */
export async function shell(dir: string, command: string): Promise<{ ok: boolean; output: string }> {
  const env: NodeJS.ProcessEnv = { PATH: `${join(ROOT_NODE_MODULES, ".bin")}:${process.env.PATH ?? ""}`, HOME: process.env.HOME, CI: "1", NO_COLOR: "1" };
  try {
    const { stdout, stderr } = await run("sh", ["-c", `${command} 2>&1`], { cwd: dir, env, maxBuffer: 16 * 1024 * 1024 });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}
