import { describe, expect, it } from "vitest";
import { transition } from "../../src/archon/state-machine.js";
import type { TaskEvent } from "../../src/domain/task-event.js";
import type { TaskSnapshot } from "../../src/domain/task-snapshot.js";
import type { TaskStatus } from "../../src/domain/task-status.js";
import { CONFIG, FROM, PLAN, STATUSES, taskIn } from "./fixtures.js";

/** The step an agent would report on: the first one in flight, else step 1. */
function inFlight(task: TaskSnapshot): { position: number; attempt: number } {
  const step = task.steps.find((s) => s.status === "running") ?? task.steps[0];
  return { position: step?.position ?? 1, attempt: step?.attempt ?? 0 };
}

const EVENTS: Record<string, (task: TaskSnapshot) => TaskEvent> = {
  task_created: () => ({ type: "task_created", plan: PLAN }),
  plan_approved: () => ({ type: "plan_approved", from: FROM }),
  run_requested: () => ({ type: "run_requested", from: FROM }),
  replan_requested: () => ({ type: "replan_requested", plan: PLAN, from: FROM }),
  issue_edited: () => ({ type: "issue_edited", plan: PLAN }),
  step_started: (t) => ({ type: "step_started", ...inFlight(t) }),
  step_succeeded: (t) => ({ type: "step_succeeded", ...inFlight(t), summary: "ok" }),
  step_failed: (t) => ({ type: "step_failed", ...inFlight(t), error: "model timed out" }),
  step_unsupported: (t) => ({ type: "step_unsupported", ...inFlight(t), reason: "not an endpoint" }),
  pr_opened: () => ({ type: "pr_opened", prNumber: 7, headSha: "bbb2222", url: "https://github.com/o/r/pull/7" }),
  ci_started: () => ({ type: "ci_started", headSha: "aaa1111" }),
  ci_green: () => ({ type: "ci_completed", headSha: "aaa1111", conclusion: "success", failures: [] }),
  ci_red: () => ({
    type: "ci_completed",
    headSha: "aaa1111",
    conclusion: "failure",
    failures: [{ name: "t", message: "m" }],
  }),
  ci_stale: () => ({ type: "ci_completed", headSha: "0ld0000", conclusion: "failure", failures: [] }),
  fix_requested: () => ({ type: "fix_requested", text: "use 204", from: FROM }),
  retry_requested: () => ({ type: "retry_requested", from: FROM }),
  cancel_requested: () => ({ type: "cancel_requested", from: FROM }),
  status_requested: () => ({ type: "status_requested", from: FROM }),
  help_requested: () => ({ type: "help_requested", from: FROM }),
  unknown_command: () => ({ type: "unknown_command", text: "/archon deploy", from: FROM }),
  issue_closed: () => ({ type: "issue_closed" }),
  label_removed: () => ({ type: "label_removed" }),
  pr_merged: () => ({ type: "pr_merged", prNumber: 7 }),
  pr_closed: () => ({ type: "pr_closed", prNumber: 7 }),
  config_invalid: () => ({ type: "config_invalid", problems: [{ path: "draft", message: "expected boolean" }] }),
  budget_spent: () => ({ type: "budget_spent", spentUsd: 5, budgetUsd: 5 }),
};

const CODE: Record<string, TaskStatus> = {
  rec: "received",
  pln: "planned",
  awa: "awaiting_approval",
  run: "running",
  pro: "pr_open",
  cir: "ci_running",
  fix: "fixing",
  rfr: "ready_for_review",
  nat: "needs_attention",
  don: "done",
  fal: "failed",
  can: "cancelled",
};

// Columns follow STATUSES: received, planned, awaiting_approval, running, pr_open, ci_running,
// fixing, ready_for_review, needs_attention, done, failed, cancelled.
// A status code means the event was accepted and the task moved (or stayed) there; "=" means
// the event was ignored or only answered, and the task is exactly as it was.
// prettier-ignore
const TABLE: Record<string, string[]> = {
  task_created:     ["awa", "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "="],
  plan_approved:    ["=",   "run", "run", "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "="],
  run_requested:    ["=",   "run", "run", "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "="],
  replan_requested: ["awa", "awa", "awa", "=",   "=",   "=",   "=",   "=",   "awa", "=",   "awa", "="],
  issue_edited:     ["=",   "pln", "awa", "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "="],
  step_started:     ["=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "="],
  step_succeeded:   ["=",   "=",   "=",   "run", "=",   "=",   "fix", "=",   "nat", "=",   "=",   "="],
  step_failed:      ["=",   "=",   "=",   "nat", "=",   "=",   "nat", "=",   "nat", "=",   "=",   "="],
  step_unsupported: ["=",   "=",   "=",   "fal", "=",   "=",   "fal", "=",   "fal", "=",   "=",   "="],
  pr_opened:        ["=",   "=",   "=",   "pro", "pro", "pro", "pro", "pro", "nat", "=",   "fal", "can"],
  ci_started:       ["=",   "=",   "=",   "=",   "cir", "=",   "=",   "=",   "=",   "=",   "=",   "="],
  ci_green:         ["=",   "=",   "=",   "=",   "rfr", "rfr", "=",   "=",   "=",   "=",   "=",   "="],
  ci_red:           ["=",   "=",   "=",   "=",   "fix", "fix", "=",   "fix", "=",   "=",   "=",   "="],
  ci_stale:         ["=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "="],
  fix_requested:    ["=",   "=",   "=",   "=",   "fix", "fix", "=",   "fix", "=",   "=",   "=",   "="],
  retry_requested:  ["=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "run", "=",   "run", "="],
  cancel_requested: ["can", "can", "can", "can", "can", "can", "can", "can", "can", "=",   "=",   "="],
  status_requested: ["=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "="],
  help_requested:   ["=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "="],
  unknown_command:  ["=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "=",   "="],
  issue_closed:     ["can", "can", "can", "can", "can", "can", "can", "can", "can", "=",   "=",   "="],
  label_removed:    ["can", "can", "can", "can", "can", "can", "can", "can", "can", "=",   "=",   "="],
  pr_merged:        ["=",   "=",   "=",   "=",   "don", "don", "don", "don", "=",   "=",   "=",   "="],
  pr_closed:        ["=",   "=",   "=",   "=",   "can", "can", "can", "can", "=",   "=",   "=",   "="],
  config_invalid:   ["nat", "nat", "nat", "nat", "nat", "nat", "nat", "nat", "nat", "=",   "=",   "="],
  budget_spent:     ["nat", "nat", "nat", "nat", "nat", "nat", "nat", "nat", "=",   "=",   "=",   "="],
};

const CASES = Object.entries(TABLE).flatMap(([event, row]) =>
  STATUSES.map((status, i) => ({ status, event, expected: row[i] ?? "?" })),
);

describe("transition: every event in every state", () => {
  it("has a row for every event and a column for every state", () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(EVENTS).sort());
    for (const row of Object.values(TABLE)) expect(row).toHaveLength(STATUSES.length);
  });

  it.each(CASES)("$event in $status → $expected", ({ status, event, expected }) => {
    const task = taskIn(status);
    const ev = EVENTS[event]!(task);
    const result = transition(task, ev, CONFIG);
    const decision = result.commands.find((c) => c.type === "record_decision");
    expect(decision).toBeDefined();
    if (expected === "=") {
      expect(result.task).toBe(task);
    } else {
      expect(result.task.status).toBe(CODE[expected]);
      expect(result.task.revision).toBe(task.revision + 1);
      expect(decision).toMatchObject({ accepted: true });
      expect(result.commands[0]).toMatchObject({ type: "upsert_status_comment" });
    }
  });

  it.each(CASES)("$event in $status: deterministic, unique keys, never throws", ({ status, event }) => {
    const task = taskIn(status);
    const first = transition(task, EVENTS[event]!(task), CONFIG);
    const again = transition(taskIn(status), EVENTS[event]!(taskIn(status)), CONFIG);
    expect(again).toEqual(first);
    const keys = first.commands.map((c) => c.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^task-42:[a-z0-9_-]+:[\w-]+$/);
  });

  it.each(CASES.filter((c) => c.expected === "=" && "from" in EVENTS[c.event]!(taskIn(c.status))))(
    "$event in $status answers the person who typed it",
    ({ status, event }) => {
      const result = transition(taskIn(status), EVENTS[event]!(taskIn(status)), CONFIG);
      const reply = result.commands.find((c) => c.type === "reply");
      expect(reply).toMatchObject({ type: "reply", number: 42, to: "mona", inReplyTo: 555 });
      expect(reply && "body" in reply ? reply.body : "").toMatch(/^@mona \S/);
    },
  );
});
