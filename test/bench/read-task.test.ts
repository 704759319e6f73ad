import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type AgentTaskResult, readAgentTask } from "../../bench/lib/agent-bench/read-task.js";
import { agentBenchRows, countAgentTasks } from "../../bench/lib/agent-bench/report.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A WORK folder holding one task's files as run.sh leaves them. */
function work(repo: string, task: string, files: Record<string, string | object>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "archon-agent-bench-test-"));
  dirs.push(root);
  const dir = path.join(root, repo, task);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), typeof content === "string" ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
  return root;
}

function result(fields: Record<string, unknown>) {
  return {
    repo: "r",
    task: "t",
    kind: "endpoint",
    archon_rc: 0,
    secs: 41.2,
    branch: "archon/task-1",
    commits: 1,
    files: ["src/a.js"],
    checked_out: "main",
    clean: true,
    base_tests: "3 passed/0 failed rc=0",
    branch_tests: "5 passed/0 failed rc=0",
    accept_base: "1/5 rc=1",
    accept_branch: "5/5 rc=0",
    criteria_passed: 6,
    criteria_total: 6,
    accepted: true,
    ...fields,
  };
}

describe("readAgentTask", () => {
  it("reads an accepted task", async () => {
    const w = work("r", "t", { "result.json": result({}), "archon.rc": "0\n", "archon.log": "[ok] Task 1: done\n  The tests pass.\n" });
    expect(await readAgentTask(w, "r", "t")).toEqual({
      repo: "r",
      task: "t",
      accepted: true,
      criteriaPassed: 6,
      criteriaTotal: 6,
      archonExitCode: 0,
      seconds: 41.2,
      branch: "archon/task-1",
    });
  });

  it("gives a task without a branch Archon's reason", async () => {
    const w = work("js-e2e-express-server", "greeting-endpoint", {
      "result.json": result({ archon_rc: 2, secs: 7.1, branch: "", branch_tests: "-", accept_branch: "-", criteria_passed: 0, accepted: false }),
      "archon.rc": "2\n",
      "archon.log": "- Reading repo at main (4d9352b)\n[!!] Task 1: failed\n  `GET /api/greeting` is not a plain REST route on a resource. The template provider writes REST endpoints. Configure a model.\n",
    });
    const task = await readAgentTask(w, "js-e2e-express-server", "greeting-endpoint");
    expect(task).toMatchObject({ accepted: false, branch: null, archonExitCode: 2, criteriaPassed: 0, criteriaTotal: 6 });
    expect(task.declineReason).toBe("`GET /api/greeting` is not a plain REST route on a resource. The template provider writes REST endpoints.");
    expect(task.falseDone).toBeUndefined();
  });

  it("calls exit 0 on a task that was not accepted a false done, with the criteria that fail", async () => {
    const w = work("fastapi-nano", "word-endpoint", {
      "result.json": result({ criteria_passed: 2, accept_branch: "1/5 rc=1", branch_tests: "15 passed/0 failed rc=0", accepted: false }),
      "archon.rc": "0\n",
      "accept-branch.log": "PASS existing routes\nFAIL GET /api/word/hello answers 200 -- status 404\nFAIL needs auth -- status 200\nFAIL x\nFAIL y\n1/5 criteria passed\n",
    });
    const task = await readAgentTask(w, "fastapi-nano", "word-endpoint");
    expect(task.declineReason).toBeUndefined();
    expect(task.falseDone).toBe("exit 0, but 4 of 5 acceptance criteria fail (first: GET /api/word/hello answers 200 -- status 404)");
  });

  it("names the branch's failing tests in a false done", async () => {
    const w = work("r", "t", {
      "result.json": result({ criteria_passed: 5, branch_tests: "4 passed/1 failed rc=1", accepted: false }),
      "accept-branch.log": "PASS a\nPASS b\nPASS c\nPASS d\nPASS e\n5/5 criteria passed\n",
    });
    expect((await readAgentTask(w, "r", "t")).falseDone).toBe("exit 0, but the repository's tests fail on the branch (4 passed/1 failed rc=1)");
  });

  it("does not call a failed run that made a branch a decline or a false done", async () => {
    const w = work("r", "t", { "result.json": result({ archon_rc: 1, criteria_passed: 0, branch_tests: "? rc=1", accept_branch: "0/1 rc=1", accepted: false }) });
    const task = await readAgentTask(w, "r", "t");
    expect(task).toMatchObject({ archonExitCode: 1, branch: "archon/task-1", accepted: false });
    expect(task.declineReason).toBeUndefined();
    expect(task.falseDone).toBeUndefined();
  });

  it("keeps run.sh's note for a task that never reached Archon, with targets.json's criteria", async () => {
    const w = work("r", "t", { NOTE: "missing /m/o+r/repo (bring github:o/r into the mirror first)\n" });
    expect(await readAgentTask(w, "r", "t", 7)).toEqual({
      repo: "r",
      task: "t",
      accepted: false,
      criteriaPassed: 0,
      criteriaTotal: 7,
      archonExitCode: null,
      seconds: null,
      branch: null,
      note: "missing /m/o+r/repo (bring github:o/r into the mirror first)",
    });
  });
});

describe("countAgentTasks and agentBenchRows", () => {
  const base = { criteriaPassed: 0, criteriaTotal: 6, archonExitCode: 2, seconds: 4, branch: null, accepted: false };
  const tasks: AgentTaskResult[] = [
    { ...base, repo: "a", task: "ok", accepted: true, criteriaPassed: 6, archonExitCode: 0, seconds: 41.25, branch: "archon/task-1" },
    { ...base, repo: "a", task: "no", declineReason: "does not say which fields a note has." },
    { ...base, repo: "b", task: "green", criteriaPassed: 2, archonExitCode: 0, branch: "archon/task-1", falseDone: "exit 0, but 4 of 5 acceptance criteria fail (first: x)" },
    { ...base, repo: "c", task: "gone", criteriaTotal: 7, archonExitCode: null, seconds: null, note: "missing mirror" },
  ];

  it("counts tasks, criteria, declines and false done reports", () => {
    expect(countAgentTasks(tasks)).toEqual({ total: 4, accepted: 1, criteriaPassed: 8, criteriaTotal: 25, declines: 1, falseDone: 1, notRun: 1 });
  });

  it("prints totals, a row per task, then each decline and false done with its reason", () => {
    expect(agentBenchRows(countAgentTasks(tasks), tasks, "/tmp/w").map((r) => `${r.metric} | ${r.archon}`)).toEqual([
      "tasks accepted | 1/4",
      "criteria passed | 8/25",
      "declines (no branch) | 1",
      'false "done" (exit 0, not accepted) | 1',
      "a/ok | accepted, 6/6 criteria, exit 0, 41.3 s",
      "a/no | not accepted, 0/6 criteria, exit 2, 4.0 s",
      "b/green | not accepted, 2/6 criteria, exit 0, 4.0 s",
      "c/gone | not run, 0/7 criteria",
      "declined a/no | does not say which fields a note has.",
      'false "done" b/green | exit 0, but 4 of 5 acceptance criteria fail (first: x)',
      "not run c/gone | missing mirror",
      "evidence per task | /tmp/w/<repo>/<task>/",
    ]);
  });
});
