import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { describeDirtyCheckout } from "../../src/local/dirty-checkout.js";
import { sh, tempRepo } from "../forge/local/temp-repo.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function repo(files: Record<string, string> = {}, options: { commit?: boolean } = {}) {
  const made = tempRepo({ ".gitignore": "*.log\n", "src/a.js": "a\n", "src/b.js": "b\n", "c.js": "c\n", ...files }, options);
  cleanups.push(made.remove);
  return made.dir;
}

const write = (dir: string, file: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};

describe("describeDirtyCheckout", () => {
  it("says nothing for a clean checkout, ignored files included", async () => {
    const dir = repo();
    write(dir, "debug.log", "ignored\n");
    expect(await describeDirtyCheckout(dir)).toBeUndefined();
  });

  it("names modified, staged and untracked files and the commit Archon works on", async () => {
    const dir = repo();
    const sha = sh(dir, "rev-parse", "--short=7", "HEAD");
    write(dir, "src/a.js", "changed\n");
    write(dir, "src/b.js", "staged\n");
    sh(dir, "add", "src/b.js");
    write(dir, "notes.txt", "new\n");
    expect(await describeDirtyCheckout(dir)).toBe(`3 uncommitted changes are left out (src/a.js, src/b.js, notes.txt): Archon works on the last commit, ${sha}.`);
  });

  it("lists three paths, a rename by its new name, and counts the rest", async () => {
    const dir = repo();
    write(dir, "c.js", "changed\n");
    rmSync(path.join(dir, "src/a.js"));
    sh(dir, "mv", "src/b.js", "src/moved.js");
    expect(await describeDirtyCheckout(dir)).toMatch(/^3 uncommitted changes are left out \(c\.js, src\/a\.js, src\/moved\.js\): /);
    // An untracked folder is one change, as git status shows it.
    for (const name of ["a", "b", "c"]) write(dir, `new/${name}.txt`, name);
    write(dir, "d.js", "new\n");
    expect(await describeDirtyCheckout(dir)).toMatch(/^5 uncommitted changes are left out \(c\.js, src\/a\.js, src\/moved\.js and 2 more\): /);
  });

  it("speaks of one change in the singular", async () => {
    const dir = repo();
    write(dir, "c.js", "changed\n");
    expect(await describeDirtyCheckout(dir)).toMatch(/^1 uncommitted change is left out \(c\.js\): Archon works on the last commit, [0-9a-f]{7}\.$/);
  });

  it("says when there is no commit at all", async () => {
    const dir = repo({}, { commit: false });
    expect(await describeDirtyCheckout(dir)).toMatch(/^\d+ uncommitted changes are left out \(.+\): there is no commit yet\.$/);
  });
});
