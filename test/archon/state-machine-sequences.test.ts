import { describe, expect, it } from "vitest";
import { type TransitionConfig, type TransitionResult, transition } from "../../src/archon/state-machine.js";
import type { Command } from "../../src/domain/task-command.js";
import type { TaskEvent } from "../../src/domain/task-event.js";
import { type TaskSnapshot, newTaskSnapshot } from "../../src/domain/task-snapshot.js";
import { CONFIG, FROM, PLAN, taskIn } from "./fixtures.js";

function play(events: TaskEvent[], config: TransitionConfig = CONFIG, start?: TaskSnapshot): TransitionResult[] {
  let task = start ?? newTaskSnapshot({ id: "42", title: "Add GET /health", issueNumber: 42 });
  return events.map((event) => {
    const result = transition(task, event, config);
    task = result.task;
    return result;
  });
}

const last = <T>(list: T[]): T => list[list.length - 1]!;
const ofType = <T extends Command["type"]>(result: TransitionResult, type: T) =>
  result.commands.filter((c): c is Extract<Command, { type: T }> => c.type === type);
const red = (sha: string): TaskEvent => ({
  type: "ci_completed",
  headSha: sha,
  conclusion: "failure",
  failures: [{ name: "health answers 200", message: "expected 200, got 404", file: "test/health.test.ts", line: 9 }],
});

const HAPPY: TaskEvent[] = [
  { type: "task_created", plan: PLAN },
  { type: "plan_approved", from: FROM },
  { type: "step_started", position: 1, attempt: 1 },
  { type: "step_succeeded", position: 1, attempt: 1, summary: "Added the route" },
  { type: "step_succeeded", position: 3, attempt: 1, summary: "Documented it" },
  { type: "step_succeeded", position: 2, attempt: 1, summary: "Added 2 tests" },
  { type: "pr_opened", prNumber: 7, headSha: "aaa1111", url: "https://github.com/o/r/pull/7" },
  { type: "ci_started", headSha: "aaa1111", url: "https://github.com/o/r/runs/1" },
  { type: "ci_completed", headSha: "aaa1111", conclusion: "success", failures: [] },
  { type: "pr_merged", prNumber: 7 },
];

describe("transition: whole tasks", () => {
  it("runs a task from the issue to the merge", () => {
    const results = play(HAPPY);
    expect(results.map((r) => r.task.status)).toEqual([
      "awaiting_approval",
      "running",
      "running",
      "running",
      "running",
      "running",
      "pr_open",
      "ci_running",
      "ready_for_review",
      "done",
    ]);
    const [created, approved, , code, docs, tests, , , green, merged] = results as [
      TransitionResult,
      ...TransitionResult[],
    ];
    expect(ofType(created, "set_labels")).toEqual([
      { type: "set_labels", labels: ["archon:planned"], idempotencyKey: "task-42:labels:1" },
    ]);
    expect(ofType(created, "run_step")).toEqual([]);
    expect(ofType(approved!, "run_step")).toEqual([
      {
        type: "run_step",
        position: 1,
        agent: "CodeGenerationAgent",
        attempt: 1,
        fix: null,
        idempotencyKey: "task-42:step-1:1",
      },
    ]);
    expect(ofType(approved!, "react")).toEqual([
      { type: "react", commentId: 555, reaction: "rocket", idempotencyKey: "task-42:react-555:1" },
    ]);
    expect(ofType(code!, "run_step").map((c) => [c.position, c.agent])).toEqual([
      [2, "TestingAgent"],
      [3, "DocumentationAgent"],
    ]);
    expect(ofType(docs!, "open_or_update_pr")).toEqual([]);
    expect(ofType(tests!, "open_or_update_pr")).toEqual([
      { type: "open_or_update_pr", draft: true, round: 1, idempotencyKey: "task-42:pull-request:1" },
    ]);
    expect(ofType(green!, "mark_pr_ready")).toEqual([
      { type: "mark_pr_ready", prNumber: 7, idempotencyKey: "task-42:pr-ready:aaa1111" },
    ]);
    expect(ofType(green!, "request_reviewers")).toMatchObject([{ prNumber: 7, users: ["octocat"], teams: [] }]);
    expect(ofType(green!, "set_labels")).toMatchObject([{ labels: ["archon:review"] }]);
    expect(ofType(merged!, "set_labels")).toMatchObject([{ labels: [] }]);
    expect(last(results).task.steps.map((s) => s.summary)).toEqual([
      "Added the route",
      "Added 2 tests",
      "Documented it",
    ]);
  });

  it("starts at once when the repository does not require approval, and leaves the PR a non-draft", () => {
    const config = { ...CONFIG, requireApproval: false, draft: false, reviewers: { users: [], teams: [] } };
    const results = play(
      HAPPY.filter((e) => e.type !== "plan_approved"),
      config,
    );
    expect(results[0]!.task.status).toBe("running");
    expect(ofType(results[0]!, "run_step")).toHaveLength(1);
    expect(ofType(results[0]!, "set_labels")).toMatchObject([{ labels: ["archon:running"] }]);
    const green = results[results.length - 2]!;
    expect(green.task.status).toBe("ready_for_review");
    expect(ofType(green, "mark_pr_ready")).toEqual([]);
    expect(ofType(green, "request_reviewers")).toEqual([]);
  });

  it("fixes a red CI up to the configured attempts, then asks a person", () => {
    const open = play(HAPPY.slice(0, 8));
    let task = last(open).task;
    const shas = ["aaa1111", "bbb2222", "ccc3333", "ddd4444"];
    for (const [i, sha] of shas.slice(0, 3).entries()) {
      const fixing = transition(task, red(sha), CONFIG);
      expect(fixing.task).toMatchObject({ status: "fixing", fixAttempts: i + 1 });
      const [run] = ofType(fixing, "run_step");
      expect(run).toMatchObject({ position: 1, attempt: i + 2, fix: { attempt: i + 1, requests: [] } });
      expect(run?.fix?.failures[0]?.name).toBe("health answers 200");
      expect(fixing.task.steps.map((s) => s.status)).toEqual(["running", "pending", "succeeded"]);
      const after = play(
        [
          { type: "step_succeeded", position: 1, attempt: i + 2, summary: "fixed" },
          { type: "step_succeeded", position: 2, attempt: i + 2, summary: "tests again" },
          { type: "pr_opened", prNumber: 7, headSha: shas[i + 1]! },
        ],
        CONFIG,
        fixing.task,
      );
      expect(ofType(after[1]!, "open_or_update_pr")).toMatchObject([{ round: i + 2 }]);
      task = last(after).task;
      expect(task).toMatchObject({ status: "pr_open", headSha: shas[i + 1], fix: null });
    }
    const exhausted = transition(task, red("ddd4444"), CONFIG);
    expect(exhausted.task).toMatchObject({
      status: "needs_attention",
      attention: "attempts_exhausted",
      fixAttempts: 3,
    });
    expect(exhausted.task.lastError).toMatchInlineSnapshot(
      `"CI still fails (1 failing: health answers 200) after 3 fix attempts, the most this repository allows. A person needs to look."`,
    );
    expect(ofType(exhausted, "run_step")).toEqual([]);
    expect(ofType(exhausted, "set_labels")).toMatchObject([{ labels: ["archon:failed"] }]);

    const retried = transition(exhausted.task, { type: "retry_requested", from: FROM }, CONFIG);
    expect(retried.task).toMatchObject({ status: "fixing", fixAttempts: 4 });
    expect(ofType(retried, "run_step")).toMatchObject([
      { position: 1, attempt: 5, fix: { failures: [{ name: "health answers 200" }] } },
    ]);
  });

  it("ignores CI results for an older head as stale", () => {
    const results = play([
      ...HAPPY.slice(0, 8),
      { type: "pr_opened", prNumber: 7, headSha: "bbb2222" },
      red("aaa1111"),
    ]);
    const stale = last(results);
    expect(stale.task.status).toBe("pr_open");
    expect(ofType(stale, "record_decision")).toMatchObject([
      { accepted: false, reason: "stale CI for aaa1111; the head is bbb2222" },
    ]);
    expect(ofType(stale, "run_step")).toEqual([]);
  });

  it("ignores a step result from an older attempt or one reported twice", () => {
    const twice = play([...HAPPY.slice(0, 4), HAPPY[3]!]);
    expect(last(twice).task).toBe(twice[3]!.task);
    expect(ofType(last(twice), "record_decision")[0]?.reason).toBe("step 1 attempt 1 is already succeeded");
    expect(ofType(last(twice), "run_step")).toEqual([]);

    const fixing = taskIn("fixing");
    const old = transition(fixing, { type: "step_succeeded", position: 1, attempt: 1, summary: "late" }, CONFIG);
    expect(old.task).toBe(fixing);
    expect(ofType(old, "record_decision")[0]?.reason).toBe("stale result: step 1 is on attempt 2, not 1");
  });

  it("explains why /archon approve does nothing while the task runs", () => {
    const running = taskIn("running");
    const result = transition(running, { type: "plan_approved", from: FROM }, CONFIG);
    expect(result.task).toBe(running);
    expect(result.commands.map((c) => c.type)).toEqual(["react", "reply", "record_decision"]);
    expect(ofType(result, "reply")[0]?.body).toMatchInlineSnapshot(
      `"@mona the plan is already approved; this task is running."`,
    );
    expect(ofType(result, "react")[0]?.reaction).toBe("confused");
  });

  it("re-renders the status comment to untick a box that cannot apply", () => {
    const result = transition(taskIn("running"), { type: "plan_approved" }, CONFIG);
    expect(result.commands.map((c) => c.type)).toEqual(["upsert_status_comment", "record_decision"]);
  });

  it("takes a reviewer's fix request without using up CI's fix attempts", () => {
    const result = transition(
      taskIn("ready_for_review"),
      { type: "fix_requested", text: "answer 204 instead", from: FROM },
      CONFIG,
    );
    expect(result.task).toMatchObject({ status: "fixing", fixAttempts: 0 });
    expect(ofType(result, "run_step")).toMatchObject([
      { position: 1, attempt: 2, fix: { attempt: 1, failures: [], requests: ["answer 204 instead"] } },
    ]);
    expect(ofType(result, "set_labels")).toMatchObject([{ labels: ["archon:running"] }]);
  });

  it.each([
    ["tests", [2], "running"],
    ["2", [2], "running"],
    ["code", [1], "running"],
  ])("retries the step named %s and what depends on it", (step, dispatched, status) => {
    const result = transition(taskIn("needs_attention"), { type: "retry_requested", step, from: FROM }, CONFIG);
    expect(result.task.status).toBe(status);
    expect(ofType(result, "run_step").map((c) => c.position)).toEqual(dispatched);
  });

  it("says which steps exist when retry names none", () => {
    const waiting = taskIn("needs_attention");
    const result = transition(waiting, { type: "retry_requested", step: "9", from: FROM }, CONFIG);
    expect(result.task).toBe(waiting);
    expect(ofType(result, "reply")[0]?.body).toBe(
      "@mona there is no step `9`; the steps are 1, 2, 3 (or code, tests, docs).",
    );
  });

  it("marks the task done when its PR merges after the issue was closed", () => {
    const closed = transition(taskIn("ready_for_review"), { type: "issue_closed" }, CONFIG);
    expect(closed.task.status).toBe("cancelled");
    const merged = transition(closed.task, { type: "pr_merged", prNumber: 7 }, CONFIG);
    expect(merged.task.status).toBe("done");
  });

  it("keeps the pull request its job opened while the task was cancelled, and is done when it merges", () => {
    const cancelled = transition(taskIn("running"), { type: "cancel_requested", from: FROM }, CONFIG);
    expect(cancelled.task.status).toBe("cancelled");
    const opened = transition(cancelled.task, { type: "pr_opened", prNumber: 9, headSha: "ccc3333", url: "https://github.com/o/r/pull/9" }, CONFIG);
    expect(opened.task).toMatchObject({ status: "cancelled", prNumber: 9, headSha: "ccc3333" });
    expect(opened.commands.map((c) => c.type)).toContain("upsert_status_comment");
    expect(opened.commands.map((c) => c.type)).not.toContain("set_labels");
    // A second pull request is not the task's.
    expect(transition(opened.task, { type: "pr_opened", prNumber: 10, headSha: "ddd4444" }, CONFIG).task).toBe(opened.task);
    expect(transition(opened.task, { type: "pr_merged", prNumber: 9 }, CONFIG).task.status).toBe("done");
  });

  it("re-plans when the issue is edited before work starts, and not after", () => {
    const plan = { ...PLAN, steps: PLAN.steps.slice(0, 1), summary: "Just the code." };
    const before = transition(taskIn("awaiting_approval"), { type: "issue_edited", plan }, CONFIG);
    expect(before.task).toMatchObject({ status: "awaiting_approval", planVersion: 2, planSummary: "Just the code." });
    expect(before.task.steps).toHaveLength(1);
    expect(ofType(before, "reply")).toEqual([]);
    const during = transition(taskIn("running"), { type: "issue_edited", plan }, CONFIG);
    expect(during.commands.map((c) => c.type)).toEqual(["record_decision"]);
  });

  it("rests a re-plan in planned when approval is not required", () => {
    const config = { ...CONFIG, requireApproval: false };
    const result = play(
      [
        { type: "replan_requested", plan: PLAN, from: FROM },
        { type: "run_requested", from: FROM },
      ],
      config,
      taskIn("failed"),
    );
    expect(result.map((r) => r.task.status)).toEqual(["planned", "running"]);
    expect(result[0]!.task).toMatchObject({ attention: null, lastError: null, planVersion: 2 });
  });

  it("waits for a person when the config is invalid and keeps the problems for the status comment", () => {
    const problems = [{ path: "paths.allowed[1]", message: "expected string" }];
    const result = transition(newTaskSnapshot({ id: "42", title: "t" }), { type: "config_invalid", problems }, CONFIG);
    expect(result.task).toMatchObject({
      status: "needs_attention",
      attention: "config_invalid",
      configProblems: problems,
    });
    const retry = transition(result.task, { type: "retry_requested", from: FROM }, CONFIG);
    expect(ofType(retry, "reply")[0]?.body).toMatch(/no plan to retry yet/);
  });

  it("records a late step result while waiting for a person, and the retry then redoes only what failed", () => {
    const waiting = taskIn("needs_attention");
    const late = transition(waiting, { type: "step_succeeded", position: 3, attempt: 1, summary: "docs" }, CONFIG);
    expect(late.task.status).toBe("needs_attention");
    expect(ofType(late, "run_step")).toEqual([]);
    const retry = transition(late.task, { type: "retry_requested", from: FROM }, CONFIG);
    expect(ofType(retry, "run_step").map((c) => c.position)).toEqual([2]);
    const done = transition(retry.task, { type: "step_succeeded", position: 2, attempt: 2, summary: "tests" }, CONFIG);
    expect(ofType(done, "open_or_update_pr")).toMatchObject([{ round: 2 }]);
  });
});

describe("transition: a fix that changes nothing", () => {
  it("waits for a person instead of waiting for a CI run that will not come", () => {
    const result = transition(taskIn("fixing"), { type: "pr_opened", prNumber: 7, headSha: "aaa1111" }, CONFIG);
    expect(result.task).toMatchObject({ status: "needs_attention", attention: "no_change", fix: null });
    const again = transition(result.task, { type: "fix_requested", text: "return 204", from: FROM }, CONFIG);
    expect(again.task.status).toBe("fixing");
  });
});
