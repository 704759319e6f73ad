import { existsSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScriptStep, type ScriptedReply, lastToolResult, toolResults } from "../../../support/scripted-model.js";
import { API_KEY, harness } from "./harness.js";

const SLOW = 60_000;
const MUL_TEST = "const test = require('node:test');\nconst assert = require('node:assert');\nconst { mul } = require('../src/mul.js');\n\ntest('multiplies', () => assert.strictEqual(mul(2, 3), 6));\n";
const call = (name: string, args: Record<string, unknown> | string = {}): ScriptedReply => ({ tools: [{ name, args }] });
const finish = call("finish", { summary: "Add mul" });

describe("the agent loop over a scripted model and a real workspace", () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("solves a task in a few turns: lists, reads, writes, runs the tests, finishes with the workspace's changes", async () => {
    const { model, run } = await harness(
      [
        call("list_files"),
        call("read_file", { path: "src/sum.js" }),
        { tools: [{ name: "write_file", args: { path: "src/mul.js", content: "exports.mul = (a, b) => a * b;\n" } }, { name: "write_file", args: { path: "test/mul.test.js", content: MUL_TEST } }] },
        call("run_tests"),
        call("finish", { summary: "Add mul", details: ["mul multiplies"], testsAdded: ["multiplies"] }),
      ],
      cleanups,
    );
    const result = await run();
    expect(result).toMatchObject({ outcome: "succeeded", report: { summary: "Add mul", details: ["mul multiplies"], testsAdded: ["multiplies"] } });
    if (result.outcome !== "succeeded") return;
    expect(result.changes.map((c) => `${c.action} ${c.path}`).sort()).toEqual(["create src/mul.js", "create test/mul.test.js"]);
    expect(result.usage).toMatchObject({ tokensIn: 2500, tokensOut: 500 });
    expect(model.requests).toHaveLength(5);
    expect(model.requests[0]!.tools!.map((t) => t.function.name)).toEqual(["list_files", "read_file", "search", "write_file", "edit_file", "run_tests", "run_command", "finish"]);
    const [listed, read, , , tests] = toolResults(model.requests[4]!);
    expect(listed!.split("\n")).toEqual([".gitignore", "package.json", "src/sum.js", "test/sum.test.js"]);
    expect(read).toBe("exports.sum = (a, b) => a + b;\n");
    expect(tests).toMatch(/exit code 0\n2 passed, 0 failed/);
  }, SLOW);

  it("a model that writes failing code reads run_tests' failures and fixes it before finishing", async () => {
    let sawFailure = "";
    const script: ScriptStep[] = [
      { tools: [{ name: "write_file", args: { path: "src/mul.js", content: "exports.mul = (a, b) => a + b;\n" } }, { name: "write_file", args: { path: "test/mul.test.js", content: MUL_TEST } }] },
      call("run_tests"),
      (request) => {
        sawFailure = lastToolResult(request);
        return call("edit_file", { path: "src/mul.js", oldText: "a + b", newText: "a * b" });
      },
      call("run_tests"),
      (request) => (/exit code 0/.test(lastToolResult(request)) ? finish : { content: "tests still fail" }),
    ];
    const { run } = await harness(script, cleanups);
    const result = await run();
    expect(sawFailure).toMatch(/exit code 1\n1 passed, 1 failed/);
    expect(sawFailure).toMatch(/Failures:\n- multiplies \(test\/mul\.test\.js:5\)/);
    expect(result.outcome).toBe("succeeded");
    if (result.outcome !== "succeeded") return;
    expect(result.changes.find((c) => c.path === "src/mul.js")).toMatchObject({ content: "exports.mul = (a, b) => a * b;\n" });
  }, SLOW);

  it("answers broken JSON arguments and an unknown tool with an error, and goes on", async () => {
    const { model, run } = await harness([call("read_file", "{\"path\": \"src/sum.js\""), call("delete_everything", { all: true }), call("read_file", { path: 7 }), finish], cleanups);
    const result = await run();
    expect(result.outcome).toBe("succeeded");
    const [badJson, unknown, invalid] = toolResults(model.requests[3]!);
    expect(badJson).toMatch(/^error: the arguments are not valid JSON .*; call read_file again with a JSON object$/);
    expect(unknown).toBe('error: there is no tool named "delete_everything"; the tools are list_files, read_file, search, write_file, edit_file, run_tests, run_command, finish');
    expect(invalid).toMatch(/^error: invalid arguments: path: /);
  });

  it("a model that never calls finish stops at the turn limit with a clear failure", async () => {
    const { model, run } = await harness(Array.from({ length: 10 }, () => call("list_files")), cleanups);
    const result = await run({ limits: { maxTurns: 3 } });
    expect(result).toMatchObject({ outcome: "failed", error: "the model did not call finish within 3 turns; no changes were kept (turn_limit)" });
    expect(model.requests).toHaveLength(3);
  });

  it("stops before a call that could overrun the budget: no call past it, the error ends (budget_spent)", async () => {
    const { model, run } = await harness(Array.from({ length: 10 }, () => ({ tools: [{ name: "list_files", args: {} }], usage: [500, 100] as [number, number] })), cleanups);
    // $0.001 a token: each call costs $0.60, and is priced at up to about $2 before it is made.
    const pricing = { "loop-model": { inputPerMillion: 1000, outputPerMillion: 1000 } };
    const result = await run({ remaining: 4, pricing });
    expect(result.outcome).toBe("failed");
    if (result.outcome !== "failed") return;
    expect(result.error).toMatch(/^the task's budget is spent: the next model call could cost up to \$\d+\.\d+ and \$\d+\.\d+ is left; no call was made past it \(budget_spent\)$/);
    expect(model.requests.length).toBeGreaterThan(0);
    expect(model.requests.length).toBeLessThan(10);
    expect(result.usage.costUsd).toBeCloseTo(0.6 * model.requests.length, 6);
    expect(result.usage.costUsd).toBeLessThanOrEqual(4);
  });

  it("retries a failing endpoint with backoff, then fails clearly without the key", async () => {
    const down = { status: 503, error: `overloaded (key ${API_KEY})` };
    const { model, waits, run } = await harness([down, down, down, down], cleanups);
    const result = await run({}, 3);
    expect(model.requests).toHaveLength(4);
    expect(waits).toEqual([375, 750, 1500]);
    expect(result).toMatchObject({ outcome: "failed" });
    if (result.outcome !== "failed") return;
    expect(result.error).toBe("the model endpoint failed: HTTP 503: overloaded (key [redacted]) (gave up after 4 attempts) (server_error)");
  });

  it("refuses a command the repository does not allow, naming those it does", async () => {
    const { model, run } = await harness([call("run_command", { name: "rm -rf /" }), call("run_command", { name: "lint" }), finish], cleanups, {}, { lint: "echo lint ok" });
    expect((await run()).outcome).toBe("succeeded");
    const [refused, lint] = toolResults(model.requests[2]!);
    expect(refused).toBe('error: "rm -rf /" is not an allowed command; only commands the repository names can run, and the allowed commands are: lint');
    expect(lint).toBe("$ echo lint ok\nexit code 0\n\nlint ok\n");
  });

  it("refuses paths that leave the workspace: '..', absolute, .git and a symbolic link out", async () => {
    const { model, workspace, run } = await harness(
      [
        { tools: [
          { name: "read_file", args: { path: "../outside.txt" } },
          { name: "write_file", args: { path: "/tmp/archon-pwned.txt", content: "x" } },
          { name: "read_file", args: { path: ".git/config" } },
          { name: "write_file", args: { path: "escape/archon-pwned.txt", content: "x" } },
        ] },
        finish,
      ],
      cleanups,
    );
    symlinkSync(os.tmpdir(), path.join(workspace.root, "escape"));
    await run();
    expect(toolResults(model.requests[1]!)).toEqual([
      "error: ../outside.txt: '..' is not allowed; paths stay inside the repository",
      "error: /tmp/archon-pwned.txt: only paths relative to the repository root, with forward slashes, are allowed",
      "error: .git/config: the .git folder is not open to agents",
      "error: escape/archon-pwned.txt: leads outside the repository through a symbolic link",
    ]);
    expect(existsSync(path.join(os.tmpdir(), "archon-pwned.txt"))).toBe(false);
  });

  it("edit_file needs its old text exactly once: 0 and 2 matches are refused with the count", async () => {
    const { model, run } = await harness(
      [{ tools: [{ name: "edit_file", args: { path: "src/twice.js", oldText: "x", newText: "y" } }, { name: "edit_file", args: { path: "src/twice.js", oldText: "nope", newText: "y" } }] }, finish],
      cleanups,
      { "src/twice.js": "x;\nx;\n" },
    );
    const result = await run();
    const [twice, none] = toolResults(model.requests[1]!);
    expect(twice).toBe("error: the old text occurs 2 times in src/twice.js; include more of the surrounding lines so it occurs exactly once");
    expect(none).toBe("error: the old text occurs 0 times in src/twice.js; read the file and copy the exact text, spaces and line breaks included");
    expect(result).toMatchObject({ outcome: "succeeded", changes: [] });
  });

  it("says tools_unsupported when the endpoint rejects tools or the first answer ignores them", async () => {
    const rejected = await harness([{ status: 400, error: "This model does not support tools" }], cleanups);
    expect(await rejected.run()).toMatchObject({ outcome: "tools_unsupported", reason: "loop-model cannot call tools: HTTP 400: This model does not support tools" });
    const ignored = await harness([{ content: "{\"changes\": []}" }], cleanups);
    expect(await ignored.run()).toMatchObject({ outcome: "tools_unsupported", content: "{\"changes\": []}", usage: { tokensIn: 500 } });
  });

  it("keeps the key out of tool output and cuts long outputs, then replaces old ones once the context fills", async () => {
    const long = `${"a".repeat(3000)}\n`;
    const { model, run } = await harness(
      [call("read_file", { path: "secret.txt" }), call("read_file", { path: "long.txt" }), call("read_file", { path: "long.txt" }), finish],
      cleanups,
      { "secret.txt": `key=${API_KEY}\n`, "long.txt": long },
    );
    await run({ limits: { toolOutputChars: 1000, contextTokens: 2000, compactShare: 0.5, keepRecentOutputs: 1 } });
    const first = toolResults(model.requests[1]!);
    expect(first[0]).toBe("key=[redacted]\n");
    const last = toolResults(model.requests[3]!);
    expect(last[0]).toBe("[earlier output replaced to save context: read_file secret.txt: 2 lines]");
    expect(last[1]).toBe("[earlier output replaced to save context: read_file long.txt: 2 lines]");
    expect(last[2]).toBe(`${"a".repeat(1000)}\n[… 2001 more characters left out]`);
  });
});
