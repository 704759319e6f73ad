import { describe, expect, it, vi } from "vitest";
import { commandEvent } from "../../src/archon/command-event.js";
import { parseCommand } from "../../src/archon/parse-command.js";
import { type TransitionResult, transition } from "../../src/archon/state-machine.js";
import { CONFIG, FROM, PLAN, taskIn } from "./fixtures.js";

describe("commandEvent", () => {
  it.each([
    ["/archon help", { type: "help_requested", from: FROM }],
    ["/archon plan", { type: "replan_requested", plan: PLAN, from: FROM }],
    ["/archon approve", { type: "plan_approved", from: FROM }],
    ["/archon run", { type: "run_requested", from: FROM }],
    ["/archon retry tests", { type: "retry_requested", step: "tests", from: FROM }],
    ["/archon retry", { type: "retry_requested", step: undefined, from: FROM }],
    ["/archon cancel", { type: "cancel_requested", from: FROM }],
    ["/archon status", { type: "status_requested", from: FROM }],
    ["/archon fix use 204", { type: "fix_requested", text: "use 204", from: FROM }],
    ["/archon deploy", { type: "unknown_command", text: "/archon deploy", from: FROM }],
    ["thanks!", undefined],
  ])("%j", (body, expected) => {
    expect(commandEvent(parseCommand(body), FROM, () => PLAN)).toEqual(expected);
  });

  it("plans only for /archon plan", () => {
    const plan = vi.fn(() => PLAN);
    commandEvent(parseCommand("/archon run"), FROM, plan);
    expect(plan).not.toHaveBeenCalled();
  });

  it("carries an event id for checkbox ticks", () => {
    expect(commandEvent({ kind: "command", name: "cancel", args: [] }, undefined, () => PLAN, "d-1")).toEqual({
      type: "cancel_requested",
      from: undefined,
      eventId: "d-1",
    });
  });
});

describe("idempotency keys of events that change nothing", () => {
  const keys = (r: TransitionResult) => r.commands.map((c) => c.idempotencyKey);

  it("keeps two ignored ticks at the same revision apart, and apart from the last real update", () => {
    const running = taskIn("running");
    const first = transition(running, { type: "plan_approved", eventId: "d-1" }, CONFIG);
    const second = transition(running, { type: "plan_approved", eventId: "d-2" }, CONFIG);
    expect(keys(first)).toEqual(["task-42:status-comment:5-ed-1", "task-42:decision-plan_approved:5-ed-1"]);
    expect(keys(second)).toEqual(["task-42:status-comment:5-ed-2", "task-42:decision-plan_approved:5-ed-2"]);
  });

  it("refreshes the status comment for /archon status under the comment's own key", () => {
    const result = transition(taskIn("running"), { type: "status_requested", from: FROM }, CONFIG);
    expect(result.commands).toMatchObject([
      { type: "upsert_status_comment", idempotencyKey: "task-42:status-comment:5-c555" },
      { type: "react", reaction: "eyes" },
      {
        type: "reply",
        body: "@mona Status: **Running** (step 1 of 3: Write the code for GET /health). The status comment is up to date.",
      },
      { type: "record_decision", accepted: true },
    ]);
  });
});
