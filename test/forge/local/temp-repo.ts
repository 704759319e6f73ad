import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export function sh(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "Person",
      GIT_AUTHOR_EMAIL: "person@example.com",
      GIT_COMMITTER_NAME: "Person",
      GIT_COMMITTER_EMAIL: "person@example.com",
    },
  }).trim();
}

/** A git repository in a temporary folder with the given files committed on `main`. */
export function tempRepo(files: Record<string, string>, options: { commit?: boolean } = {}): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "archon-forge-test-"));
  sh(dir, "init", "-q", "-b", "main");
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  if (options.commit !== false) {
    sh(dir, "add", "-A");
    sh(dir, "commit", "-q", "-m", "initial");
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
