/** Where a task came from. */
export type TaskSource = "issue" | "api" | "mcp" | "cli";

/** Every state a task can be in; the orchestrator's state machine owns the transitions. */
export const TASK_STATUSES = [
  "received",
  "planned",
  "awaiting_approval",
  "running",
  "pr_open",
  "ci_running",
  "fixing",
  "ready_for_review",
  "needs_attention",
  "done",
  "failed",
  "cancelled",
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const FINAL_STATUSES = ["done", "failed", "cancelled"] as const satisfies readonly TaskStatus[];
/** States of a task still under way (or waiting for a person). */
export const ACTIVE_STATUSES: readonly TaskStatus[] = TASK_STATUSES.filter((s) => !(FINAL_STATUSES as readonly string[]).includes(s));
