import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { Command } from "commander";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunCommandIo, registerRunCommand } from "../../src/cli/commands/run.js";
import { registerTasksCommand } from "../../src/cli/commands/tasks.js";
import { buildProgram } from "../../src/cli/program.js";
import type { Runtime } from "../../src/app/runtime.js";
import { archonVersion } from "../../src/cli/version.js";
import { loadConfig } from "../../src/config/load-config.js";
import { workspacePath } from "../../src/local/prepare-workspace.js";
import type { DatabaseHandle } from "../../src/db/connect.js";
import { testDatabases } from "../support/databases.js";
import { checkoutState, exampleRepo } from "./example-repo.js";

const [backend] = testDatabases();
const SLOW = 600_000;

function capture() {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (c: Buffer) => (text += c.toString("utf8")));
  return { stream, text: () => text };
}

describe("archon --version", () => {
  it("prints the version in package.json", async () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    let out = "";
    const program = buildProgram()
      .exitOverride()
      .configureOutput({ writeOut: (text) => (out += text) });
    await expect(program.parseAsync(["--version"], { from: "user" })).rejects.toMatchObject({ code: "commander.version", exitCode: 0 });
    expect(out).toBe(`${pkg.version}\n`);
    expect(archonVersion()).toBe(pkg.version);
  });
});

describe(`archon run and archon tasks on ${backend!.name}`, () => {
  let handle: DatabaseHandle;
  let dataDir: string;
  beforeAll(async () => {
    handle = await backend!.open();
    dataDir = mkdtempSync(path.join(os.tmpdir(), "archon-cli-data-"));
  }, SLOW);
  afterAll(async () => {
    await handle?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** `interruptWhileAsking`: the person presses Ctrl-C (or the like) at the approval question. */
  /** `onAsk`: sees what was written on stdout when the question is asked. */
  async function cli(args: string[], options: { interactive?: boolean; answer?: string; interruptWhileAsking?: [string, number]; onAsk?: (stdout: string) => void } = {}) {
    const stdout = capture();
    const stderr = capture();
    let exitCode = 0;
    let interrupt: ((reason: string, exitCode: number) => void) | undefined;
    const runtime = async (): Promise<Runtime> => ({
      config: loadConfig({ ARCHON_DATA_DIR: dataDir }),
      database: { ...handle, close: async () => undefined },
      logger: pino({ level: "silent" }),
      close: async () => undefined,
    });
    const io: RunCommandIo = {
      openRuntime: runtime,
      stdout: stdout.stream,
      stderr: stderr.stream,
      interactive: options.interactive ?? false,
      ask: async () => {
        options.onAsk?.(stdout.text());
        if (options.interruptWhileAsking) interrupt?.(...options.interruptWhileAsking);
        return options.answer ?? "n";
      },
      setExitCode: (code) => (exitCode = code),
      onInterrupt: (handler) => {
        interrupt = handler;
        return () => (interrupt = undefined);
      },
    };
    const program = new Command().exitOverride();
    registerRunCommand(program, io);
    registerTasksCommand(program, io);
    await program.parseAsync(args, { from: "user" });
    return { code: exitCode, stdout: stdout.text(), stderr: stderr.text() };
  }

  async function taskCount(): Promise<number> {
    const row = await handle.db.selectFrom("tasks").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it("refuses to run without --yes when there is no terminal to ask on", async () => {
    const before = await taskCount();
    const result = await cli(["run", "--repo", ".", "Add GET /todos/:id"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Pass --yes");
    expect(await taskCount()).toBe(before);
  });

  it.each([
    [["run", "--repo", ".", "--yes"], "Say what to build"],
    [["run", "--repo", ".", "--yes", "--provider", "openai", "Add GET /todos/:id"], "needs a model"],
    [["run", "--repo", ".", "--yes", "--provider", "claude", "x"], "--provider must be template or openai"],
    [["run", "--repo", ".", "--yes", "--spec", "/no/such/file.md"], "Cannot read the spec file"],
    [["run", "--yes", "Add GET /todos/:id"], "archon run needs --repo <path>: the git repository to work on"],
  ])("turns bad input %j into exit code 2 and a message", async (args, message) => {
    const result = await cli(args);
    expect(result).toMatchObject({ code: 2 });
    expect(result.stderr).toContain(message);
  });

  it("never works on the current folder unasked: --repo is required", async () => {
    const before = await taskCount();
    const result = await cli(["run", "--yes", "Add GET /todos/:id"]);
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toBe("archon run needs --repo <path>: the git repository to work on.\n");
    expect(await taskCount()).toBe(before);
  });

  it("says which uncommitted changes a run leaves out, and leaves them alone", async () => {
    const { dir, remove } = exampleRepo();
    try {
      writeFileSync(path.join(dir, "src/app.js"), `${readFileSync(path.join(dir, "src/app.js"), "utf8")}// edited\n`);
      writeFileSync(path.join(dir, "notes.txt"), "todo\n");
      const before = checkoutState(dir);
      const sha = before.head.slice(0, 7);
      const result = await cli(["run", "--repo", dir, "Add GET /todos/:id"], { interactive: true, answer: "n" });
      expect(result.stderr).toContain(`2 uncommitted changes are left out (src/app.js, notes.txt): Archon works on the last commit, ${sha}.\n`);
      expect(result.code).toBe(1);
      expect(checkoutState(dir)).toEqual(before);
    } finally {
      remove();
    }
  });

  it("says nothing of uncommitted changes in a clean checkout", async () => {
    const { dir, remove } = exampleRepo();
    try {
      const result = await cli(["run", "--repo", dir, "Add GET /todos/:id"], { interactive: true, answer: "n" });
      expect(result.stderr).not.toContain("uncommitted");
    } finally {
      remove();
    }
  });

  it.each([
    ["interrupted (SIGINT)", 130],
    ["terminated (SIGTERM)", 143],
    ["output closed (EPIPE)", 1],
  ] as const)("stops on %s at the approval question: the task ends and the exit code says why", async (reason, code) => {
    const { dir, remove } = exampleRepo();
    try {
      const before = checkoutState(dir);
      const result = await cli(["run", "--repo", dir, "Add GET /todos/:id"], { interactive: true, answer: "y", interruptWhileAsking: [reason, code] });
      expect(result.code).toBe(code);
      const line = /Stopped: (.+)\. Task (\d+) (.+); nothing is left running\.\n$/.exec(result.stderr);
      expect(line?.[1]).toBe(reason);
      const task = await handle.db.selectFrom("tasks").select("status").where("id", "=", line![2]!).executeTakeFirstOrThrow();
      expect(task.status).toBe("cancelled");
      expect(line![3]).toBe("is cancelled");
      // The plan was shown; no summary follows a stopped run.
      expect(result.stdout).toContain("1. CodeGenerationAgent");
      expect(result.stdout).not.toMatch(/Task \d+: /);
      expect(checkoutState(dir)).toEqual(before);
    } finally {
      remove();
    }
  });

  it("says a folder is not a git repository", async () => {
    const plain = mkdtempSync(path.join(os.tmpdir(), "archon-plain-"));
    try {
      const result = await cli(["run", "--repo", plain, "--yes", "Add GET /todos/:id"]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("is not a git repository");
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it("shows the plan from a spec file and writes nothing when the person says no", async () => {
    const { dir, remove } = exampleRepo();
    const specFile = path.join(dataDir, "task.md");
    writeFileSync(specFile, "# Add GET /todos/:id\n\n### What to build\n\nReturn one todo by id, or 404 when there is none.\n");
    try {
      const before = checkoutState(dir);
      const result = await cli(["run", "--repo", dir, "--spec", specFile], { interactive: true, answer: "n" });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("1. CodeGenerationAgent");
      expect(result.stdout).toContain("cancelled");
      expect(checkoutState(dir)).toEqual(before);
    } finally {
      remove();
    }
  });

  it.each([
    ["the template provider", [], /\n\n {2}Provider template · free \(no model\)\n$/],
    [
      "the openai provider, from the price table with no earlier task",
      ["--provider", "openai", "--model", "gpt-4o-mini"],
      /\n\n {2}Provider openai · model gpt-4o-mini · no budget · estimated \$0\.\d+–\$0\.\d+ \(from the price table, assuming 5k–40k tokens in and 1k–6k out for each of 3 steps; fix rounds cost more\)\n$/,
    ],
  ])("shows %s, its budget and estimate under the plan before asking", async (_name, flags, line) => {
    const { dir, remove } = exampleRepo();
    try {
      let shown = "";
      const result = await cli(["run", "--repo", dir, ...flags, "Add GET /todos/:id"], { interactive: true, answer: "n", onAsk: (stdout) => (shown = stdout) });
      expect(result.code).toBe(1);
      expect(shown).toContain("3. DocumentationAgent");
      expect(shown).toMatch(line);
    } finally {
      remove();
    }
  });

  it(
    "runs the README's command on the example folder, copied to a workspace, ends green, and lists the task",
    async () => {
      const example = path.resolve("examples/todo-api");
      const result = await cli(["run", "--repo", example, "--yes", "--json", "Add GET /todos/:id returning the todo or 404"]);
      expect(result.stderr).toContain("copied it to");
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as { taskId: string; outcome: string; repository: string; branch: string };
      expect(report).toMatchObject({ outcome: "passed", repository: workspacePath(dataDir, realpathSync(example)) });

      const list = await cli(["tasks"]);
      expect(list.stdout).toMatch(new RegExp(`^${report.taskId}\\s+ready_for_review\\s+local/todo-api\\s+${report.branch}`, "m"));
      const show = await cli(["tasks", "show", report.taskId]);
      expect(show.stdout).toContain("[succeeded] TestingAgent");
      expect(show.stdout).toMatch(/attempt-0 \w{7}: success/);
      const json = JSON.parse((await cli(["tasks", "show", report.taskId, "--json"])).stdout) as { agentRuns: unknown[]; ciResults: unknown[] };
      expect(json.agentRuns).toHaveLength(3);
      expect(json.ciResults).toHaveLength(2);
      expect((await cli(["tasks", "show", "999999"])).code).toBe(1);
    },
    SLOW,
  );
});
