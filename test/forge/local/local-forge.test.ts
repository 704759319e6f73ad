import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LocalForgeError } from "../../../src/forge/local/errors.js";
import { createLocalForge } from "../../../src/forge/local/local-forge.js";
import { sh, tempRepo } from "./temp-repo.js";

const author = { name: "Archon", email: "archon@localhost" };
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function repo(files: Record<string, string>, options?: { commit?: boolean }) {
  const r = tempRepo(files, options);
  cleanups.push(r.remove);
  return r.dir;
}

describe("createLocalForge", () => {
  it("reads the default branch, resolves refs and views files at a commit", async () => {
    const dir = repo({ "a.txt": "alpha\n", "src/b.js": "module.exports = 1;\n", "bin.dat": "x\0y" });
    const forge = await createLocalForge(dir);
    expect(await forge.defaultBranch()).toBe("main");
    const head = sh(dir, "rev-parse", "HEAD");
    expect(await forge.resolve("main")).toBe(head);
    expect(await forge.resolve("no-such-branch")).toBeUndefined();
    const view = await forge.view("main");
    expect(view.ref).toBe(head);
    expect((await view.files()).map((f) => f.path)).toEqual(["a.txt", "bin.dat", "src/b.js"]);
    expect(await view.read("src/b.js")).toBe("module.exports = 1;\n");
    expect(await view.read("bin.dat")).toBeUndefined();
    expect(await view.read("missing.txt")).toBeUndefined();
  });

  it("commits on a new branch without touching the working tree, index or current branch", async () => {
    const dir = repo({ "a.txt": "alpha\n", "run.sh": "#!/bin/sh\n", "old.txt": "old\n" });
    chmodSync(path.join(dir, "run.sh"), 0o755);
    sh(dir, "add", "run.sh");
    sh(dir, "commit", "-q", "-m", "exec");
    // Work in progress the person has not committed must survive.
    writeFileSync(path.join(dir, "a.txt"), "edited by the person\n");
    writeFileSync(path.join(dir, "staged.txt"), "staged\n");
    sh(dir, "add", "staged.txt");
    const statusBefore = sh(dir, "status", "--porcelain");
    const base = sh(dir, "rev-parse", "HEAD");

    const forge = await createLocalForge(dir);
    const result = await forge.commit({
      branch: "archon/task-1",
      base: "main",
      message: "Add b",
      author,
      changes: [
        { action: "create", path: "src/b.js", content: "b\n" },
        { action: "modify", path: "run.sh", content: "#!/bin/sh\necho hi\n" },
        { action: "delete", path: "old.txt" },
      ],
    });
    expect(result.created).toBe(true);
    expect(sh(dir, "rev-parse", "archon/task-1")).toBe(result.sha);
    expect(sh(dir, "rev-parse", `${result.sha}^`)).toBe(base);
    expect(sh(dir, "show", "archon/task-1:src/b.js")).toBe("b");
    expect(sh(dir, "ls-tree", "archon/task-1", "run.sh")).toMatch(/^100755 /);
    expect(sh(dir, "ls-tree", "archon/task-1", "old.txt")).toBe("");
    expect(sh(dir, "log", "-1", "--format=%an <%ae>%n%B", "archon/task-1")).toContain("Archon <archon@localhost>");
    expect(sh(dir, "status", "--porcelain")).toBe(statusBefore);
    expect(sh(dir, "rev-parse", "--abbrev-ref", "HEAD")).toBe("main");
    expect(readFileSync(path.join(dir, "a.txt"), "utf8")).toBe("edited by the person\n");

    const diff = await forge.diff("main", "archon/task-1");
    expect(diff.files).toEqual([
      { status: "D", path: "old.txt" },
      { status: "M", path: "run.sh" },
      { status: "A", path: "src/b.js" },
    ]);
    expect(diff.stat).toContain("3 files changed");
    expect(diff.patch).toContain("+echo hi");
  });

  it("treats the same commit twice as a no-op and stacks a different one on the branch", async () => {
    const dir = repo({ "a.txt": "alpha\n" });
    const forge = await createLocalForge(dir);
    const request = { branch: "archon/task-2", base: "main", message: "One", author, changes: [{ action: "create" as const, path: "b.txt", content: "b\n" }] };
    const first = await forge.commit(request);
    const again = await forge.commit(request);
    expect(again).toEqual({ sha: first.sha, branch: "archon/task-2", created: false });
    const second = await forge.commit({ ...request, message: "Two", changes: [{ action: "modify", path: "b.txt", content: "c\n" }] });
    expect(second.created).toBe(true);
    expect(sh(dir, "rev-parse", `${second.sha}^`)).toBe(first.sha);
    expect(sh(dir, "rev-list", "--count", "main..archon/task-2")).toBe("2");
  });

  it("refuses to write on a branch of the same name that Archon did not make", async () => {
    const dir = repo({ "a.txt": "alpha\n" });
    sh(dir, "branch", "archon/task-3");
    const forge = await createLocalForge(dir);
    expect(await forge.isForeignBranch("archon/task-3")).toBe(true);
    const before = sh(dir, "rev-parse", "archon/task-3");
    await expect(
      forge.commit({ branch: "archon/task-3", base: "main", message: "x", author, changes: [{ action: "create", path: "b", content: "b" }] }),
    ).rejects.toMatchObject({ code: "branch_collision", message: expect.stringContaining("Archon did not make it") });
    expect(sh(dir, "rev-parse", "archon/task-3")).toBe(before);
  });

  it.each([["../outside.txt"], ["/etc/passwd"], [".git/config"], ["a//b"]])("refuses the path %s", async (p) => {
    const dir = repo({ "a.txt": "alpha\n" });
    const forge = await createLocalForge(dir);
    await expect(
      forge.commit({ branch: "archon/task-4", base: "main", message: "x", author, changes: [{ action: "create", path: p, content: "x" }] }),
    ).rejects.toBeInstanceOf(LocalForgeError);
    expect(await forge.resolve("refs/heads/archon/task-4")).toBeUndefined();
  });

  it("explains a folder that is not a repository, a repository with no commits, and a folder inside one", async () => {
    const plain = mkdtempSync(path.join(os.tmpdir(), "archon-plain-"));
    cleanups.push(() => rmSync(plain, { recursive: true, force: true }));
    await expect(createLocalForge(plain)).rejects.toMatchObject({ code: "not_a_repository", message: expect.stringContaining("not a git repository") });
    const empty = repo({ "a.txt": "a" }, { commit: false });
    await expect(createLocalForge(empty)).rejects.toMatchObject({ code: "no_commits" });
    const outer = repo({ "sub/a.txt": "a" });
    await expect(createLocalForge(path.join(outer, "sub"))).rejects.toMatchObject({ code: "not_a_repository", message: expect.stringContaining("inside the git repository") });
  });
});
