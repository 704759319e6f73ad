import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { prepareWorkspace, workspacePath } from "../../src/local/prepare-workspace.js";
import { sh, tempRepo } from "../forge/local/temp-repo.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function setUp() {
  const outer = tempRepo({
    ".gitignore": "node_modules/\n*.log\n",
    "one/api/app.js": "module.exports = 1;\n",
    "one/api/package.json": '{"name":"one"}\n',
    "two/api/app.js": "module.exports = 2;\n",
    "two/api/debug.log": "ignored\n",
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "archon-workspaces-"));
  cleanups.push(outer.remove, () => rmSync(dataDir, { recursive: true, force: true }));
  return { outer: outer.dir, dataDir };
}

const log = (dir: string) => sh(dir, "log", "--format=%s", "main").split("\n");

describe("prepareWorkspace", () => {
  it("uses a repository's top folder as it is", async () => {
    const { outer, dataDir } = setUp();
    expect(await prepareWorkspace(outer, dataDir)).toEqual({ root: outer });
  });

  it("gives two folders of the same name copies of their own", async () => {
    const { outer, dataDir } = setUp();
    const one = await prepareWorkspace(path.join(outer, "one/api"), dataDir);
    const two = await prepareWorkspace(path.join(outer, "two/api"), dataDir);
    expect(one.root).not.toBe(two.root);
    expect(one.root).toBe(workspacePath(dataDir, path.join(outer, "one/api")));
    expect(path.relative(dataDir, one.root)).toMatch(/^workspaces\/api-[0-9a-f]{8}\/api$/);
    expect(one.note).toContain("copied it to");
    expect(readFileSync(path.join(one.root, "app.js"), "utf8")).toBe("module.exports = 1;\n");
    expect(readFileSync(path.join(two.root, "app.js"), "utf8")).toBe("module.exports = 2;\n");
    expect(existsSync(path.join(two.root, "debug.log"))).toBe(false);
    expect(log(one.root)).toEqual(["Copy of one/api"]);
  });

  it("brings the copy up to date with the folder on every run, leaving archon branches alone", async () => {
    const { outer, dataDir } = setUp();
    const source = path.join(outer, "one/api");
    const { root } = await prepareWorkspace(source, dataDir);
    sh(root, "branch", "archon/task-1");
    const task = sh(root, "rev-parse", "archon/task-1");

    // Edited, added and removed in the source, committed or not.
    writeFileSync(path.join(source, "app.js"), "module.exports = 10;\n");
    writeFileSync(path.join(source, "new.js"), "module.exports = 'new';\n");
    unlinkSync(path.join(source, "package.json"));
    const again = await prepareWorkspace(source, dataDir);
    expect(again.root).toBe(root);
    expect(again.note).toContain("refreshed from it (3 files changed)");
    expect(log(root)).toEqual([`Refresh from ${source}`, "Copy of one/api"]);
    expect(sh(root, "show", "--name-status", "--format=", "main").split("\n").sort()).toEqual(["A\tnew.js", "D\tpackage.json", "M\tapp.js"]);
    expect(readFileSync(path.join(root, "app.js"), "utf8")).toBe("module.exports = 10;\n");
    expect(existsSync(path.join(root, "package.json"))).toBe(false);
    expect(sh(root, "status", "--porcelain")).toBe("");
    expect(sh(root, "rev-parse", "archon/task-1")).toBe(task);

    const third = await prepareWorkspace(source, dataDir);
    expect(third.note).toContain("up to date with it");
    expect(log(root)).toHaveLength(2);
  });

  it("returns to main when the copy was left on another branch", async () => {
    const { outer, dataDir } = setUp();
    const source = path.join(outer, "one/api");
    const { root } = await prepareWorkspace(source, dataDir);
    sh(root, "checkout", "-q", "-b", "archon/task-2");
    writeFileSync(path.join(source, "app.js"), "module.exports = 3;\n");
    await prepareWorkspace(source, dataDir);
    expect(sh(root, "rev-parse", "--abbrev-ref", "HEAD")).toBe("main");
    expect(sh(root, "log", "--format=%s", "archon/task-2")).toBe("Copy of one/api");
    expect(log(root)[0]).toBe(`Refresh from ${source}`);
  });
});
