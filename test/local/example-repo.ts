import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GIT_AUTHOR_NAME: "Person", GIT_AUTHOR_EMAIL: "p@example.com", GIT_COMMITTER_NAME: "Person", GIT_COMMITTER_EMAIL: "p@example.com" },
  }).trim();
}

/**
 * A temporary git copy of examples/todo-api (or another folder of this checkout) with extra files,
 * node_modules linked to Archon's own (express and supertest are its devDependencies).
 */
export function exampleRepo(extra: Record<string, string> = {}, source = "examples/todo-api"): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "archon-local-test-"));
  cpSync(path.join(ROOT, source), dir, { recursive: true, filter: (src) => path.basename(src) !== "node_modules" });
  for (const [name, content] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  git(dir, "init", "-q", "-b", "main");
  writeFileSync(path.join(dir, ".git/info/exclude"), "node_modules\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "initial");
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What a person would notice changed in their checkout. */
export function checkoutState(dir: string): { status: string; branch: string; head: string } {
  return { status: git(dir, "status", "--porcelain"), branch: git(dir, "rev-parse", "--abbrev-ref", "HEAD"), head: git(dir, "rev-parse", "HEAD") };
}
