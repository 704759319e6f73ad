import { type ChildProcessByStdio, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openRuntime } from "../../src/app/runtime.js";
import { createTemplateProvider } from "../../src/llm/template/template-provider.js";
import { runLocalTask } from "../../src/local/run-local-task.js";
import { exampleRepo, git } from "./example-repo.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SLOW = 300_000;
const TASK = "Add GET /todos/:id returning the todo or 404";

interface Started {
  child: ChildProcessByStdio<null, Readable, Readable>;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `archon run` in a process of its own, as a person starts it; resolves once the tests are running. */
async function startRun(dir: string, dataDir: string): Promise<Started> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|REDIS_URL|ARCHON_|OPENAI_|TEST_)/.test(name)));
  const child = spawn(process.execPath, ["bin/archon.js", "run", "--repo", dir, "--yes", TASK], {
    cwd: ROOT,
    env: { ...env, LOG_LEVEL: "silent", ARCHON_DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + SLOW;
  while (!/running `/.test(stderr)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the tests never started:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  // The test command's own process is up once its group has a sleep in it.
  await waitFor(() => sleepers().length > 0);
  return { child, stderr: () => stderr, exited };
}

// A number no other process on the machine sleeps for.
const MARK = String(4_000_000 + (process.pid % 100_000));

function sleepers(): string[] {
  try {
    return execFileSync("pgrep", ["-f", `sleep ${MARK}`], { encoding: "utf8" }).split("\n").filter((l) => l !== "");
  } catch {
    return [];
  }
}

async function waitFor(ok: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function tasksIn(dataDir: string) {
  const runtime = await openRuntime({ env: { ARCHON_DATA_DIR: dataDir } });
  try {
    return await runtime.database.db.selectFrom("tasks").select(["id", "status", "error"]).orderBy("id").execute();
  } finally {
    await runtime.close();
  }
}

describe("stopping archon run while its tests run", () => {
  const cleanups: (() => void)[] = [];
  const dataDirs: string[] = [];
  // PGlite may still be writing its files a moment after it closed: data folders go last.
  afterAll(() => {
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
    for (const pid of sleepers()) process.kill(Number(pid), "SIGKILL");
  });

  function setUp() {
    // The repository's tests hang: a person presses Ctrl-C while they run.
    const repo = exampleRepo({ "package.json": JSON.stringify({ name: "todo-api", scripts: { test: `sleep ${MARK}` } }, null, 2) });
    cleanups.push(repo.remove);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "archon-interrupt-data-"));
    dataDirs.push(dataDir);
    return { dir: repo.dir, dataDir };
  }

  it(
    "Ctrl-C kills the tests, removes the worktree, cancels the task with the reason and says so in one line",
    async () => {
      const { dir, dataDir } = setUp();
      const run = await startRun(dir, dataDir);
      run.child.kill("SIGINT");
      expect(await run.exited).toBe(130);
      expect(run.stderr()).toMatch(/Stopped: interrupted \(SIGINT\)\. Task 1 is cancelled; nothing is left running\.\n$/);
      expect(sleepers()).toEqual([]);
      expect(git(dir, "worktree", "list").split("\n")).toHaveLength(1);
      expect(readdirSync(os.tmpdir()).filter((f) => f.startsWith(`archon-worktree-${run.child.pid}-`))).toEqual([]);
      expect(readdirSync(path.join(dataDir, "runs"))).toEqual([]);
      expect(await tasksIn(dataDir)).toEqual([{ id: expect.anything(), status: "cancelled", error: "Stopped: interrupted (SIGINT)." }]);
    },
    SLOW,
  );

  it(
    "a run after a crash clears what the crash left: the tests still running, the worktree, the task in flight",
    async () => {
      const { dir, dataDir } = setUp();
      const crashed = await startRun(dir, dataDir);
      crashed.child.kill("SIGKILL");
      await crashed.exited;
      // What a crash leaves: the tests (their own process group) and the worktree.
      expect(sleepers()).not.toEqual([]);
      expect(git(dir, "worktree", "list").split("\n")).toHaveLength(2);

      const runtime = await openRuntime({ env: { ARCHON_DATA_DIR: dataDir } });
      try {
        // The next run, on a repository whose tests pass, cleans up before it starts.
        const next = await runLocalTask(
          { repoPath: dir, spec: { title: "Make the whole app faster", description: "", acceptanceCriteria: [], areas: [] } },
          { db: runtime.database.db, provider: createTemplateProvider(), approve: async () => true, dataDir },
        );
        expect(next.outcome).toBe("unsupported");
        const first = await runtime.database.db.selectFrom("tasks").select(["status", "error"]).where("id", "=", "1").executeTakeFirstOrThrow();
        expect(first.status).toBe("cancelled");
        expect(first.error).toMatch(/ended without finishing/);
      } finally {
        await runtime.close();
      }
      expect(sleepers()).toEqual([]);
      expect(git(dir, "worktree", "list").split("\n")).toHaveLength(1);
    },
    SLOW,
  );
});
