import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** A git repository holding a tiny node project whose `node --test` really runs. */
export function tinyProject(extra: Record<string, string> = {}): { dir: string; head: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "archon-loop-project-"));
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "tiny", private: true, scripts: { test: "node --test" } }, null, 2),
    ".gitignore": "ignored.txt\n",
    "src/sum.js": "exports.sum = (a, b) => a + b;\n",
    "test/sum.test.js": "const test = require('node:test');\nconst assert = require('node:assert');\nconst { sum } = require('../src/sum.js');\n\ntest('adds', () => assert.strictEqual(sum(2, 3), 5));\n",
    ...extra,
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  const env = { ...process.env, GIT_AUTHOR_NAME: "P", GIT_AUTHOR_EMAIL: "p@example.com", GIT_COMMITTER_NAME: "P", GIT_COMMITTER_EMAIL: "p@example.com" };
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, env, encoding: "utf8" }).trim();
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "initial");
  writeFileSync(path.join(dir, "ignored.txt"), "not for agents\n");
  return { dir, head: git("rev-parse", "HEAD"), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
