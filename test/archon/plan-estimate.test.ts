import { describe, expect, it } from "vitest";
import { transition } from "../../src/archon/state-machine.js";
import type { CostEstimate } from "../../src/domain/cost-estimate.js";
import { newTaskSnapshot } from "../../src/domain/task-snapshot.js";
import { CONFIG, FROM, PLAN, taskIn } from "./fixtures.js";

const estimate: CostEstimate = { provider: "openai", model: "gpt-4o-mini", budgetUsd: 2, lowUsd: 0.04, highUsd: 0.11, basis: { kind: "earlier_tasks", tasks: 6 } };
const cheaper: CostEstimate = { ...estimate, lowUsd: 0.01, highUsd: 0.02 };

describe("the estimate that comes with a plan", () => {
  it("is kept on the snapshot of a new task's plan, and stays while it runs", () => {
    const created = transition(newTaskSnapshot({ id: "1", title: "t" }), { type: "task_created", plan: PLAN, estimate }, CONFIG).task;
    expect(created).toMatchObject({ status: "awaiting_approval", estimate });
    expect(transition(created, { type: "plan_approved", from: FROM }, CONFIG).task.estimate).toEqual(estimate);
  });

  it.each([
    ["replan_requested", { type: "replan_requested", plan: PLAN, from: FROM, estimate: cheaper }],
    ["issue_edited", { type: "issue_edited", plan: PLAN, estimate: cheaper }],
  ] as const)("is replaced by the new plan's on %s", (_type, event) => {
    expect(transition({ ...taskIn("awaiting_approval"), estimate }, event, CONFIG).task.estimate).toEqual(cheaper);
  });

  it("is dropped by a plan that came without one, never shown for a plan it was not made for", () => {
    const task = transition({ ...taskIn("awaiting_approval"), estimate }, { type: "issue_edited", plan: PLAN }, CONFIG).task;
    expect(task.planVersion).toBe(taskIn("awaiting_approval").planVersion + 1);
    expect("estimate" in task).toBe(false);
  });

  it("leaves a snapshot stored before estimates existed without one", () => {
    const created = transition(newTaskSnapshot({ id: "1", title: "t" }), { type: "task_created", plan: PLAN }, CONFIG).task;
    expect("estimate" in created).toBe(false);
  });
});
