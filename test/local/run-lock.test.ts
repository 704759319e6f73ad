import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { abandonedRuns, claimRun } from "../../src/local/run-lock.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dataDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), "archon-run-lock-"));
  dirs.push(d);
  return d;
}

/** A pid that named a process a moment ago and names none now. */
function deadPid(): number {
  return spawnSync("true").pid!;
}

describe("claimRun and abandonedRuns", () => {
  it("marks the task as run by this process until released", async () => {
    const data = dataDir();
    const release = await claimRun(data, "7");
    const file = path.join(data, "runs", "7.pid");
    expect(readFileSync(file, "utf8").trim()).toBe(String(process.pid));
    expect(await abandonedRuns(data)).toEqual([]);
    expect(existsSync(file)).toBe(true);
    await release();
    expect(existsSync(file)).toBe(false);
    await release();
  });

  it("reports the tasks whose process is dead, once, and leaves live ones", async () => {
    const data = dataDir();
    mkdirSync(path.join(data, "runs"));
    writeFileSync(path.join(data, "runs", "3.pid"), `${deadPid()}\n`);
    writeFileSync(path.join(data, "runs", "4.pid"), "not a pid\n");
    writeFileSync(path.join(data, "runs", "notes.txt"), "left alone\n");
    await claimRun(data, "5");
    expect(await abandonedRuns(data)).toEqual(["3", "4"]);
    expect(await abandonedRuns(data)).toEqual([]);
    expect(existsSync(path.join(data, "runs", "5.pid"))).toBe(true);
    expect(existsSync(path.join(data, "runs", "notes.txt"))).toBe(true);
  });

  it("finds nothing in a data directory never used", async () => {
    expect(await abandonedRuns(path.join(dataDir(), "fresh"))).toEqual([]);
  });

  it("does not release a mark another process wrote since", async () => {
    const data = dataDir();
    const release = await claimRun(data, "9");
    writeFileSync(path.join(data, "runs", "9.pid"), "1234567\n");
    await release();
    expect(existsSync(path.join(data, "runs", "9.pid"))).toBe(true);
  });

  it("refuses an id that is not a file name", async () => {
    await expect(claimRun(dataDir(), "../x")).rejects.toThrow("not a task id");
  });
});
