import type { TaskStatus } from "../domain/task-status.js";
import type { TaskSnapshot } from "../domain/task-snapshot.js";

/** The commands a status-comment checkbox can stand for. */
export type TickAction = "approve" | "retry" | "cancel";

/** A status in a few words, for the status comment's heading and for replies. */
export const STATUS_WORDS: Record<TaskStatus, string> = {
  received: "Received, planning",
  planned: "Planned, waiting for `/archon run`",
  awaiting_approval: "Waiting for approval",
  running: "Running",
  pr_open: "Pull request open, waiting for CI",
  ci_running: "CI running",
  fixing: "Fixing what failed",
  ready_for_review: "Ready for review",
  needs_attention: "Needs attention",
  done: "Done",
  failed: "Failed",
  cancelled: "Cancelled",
};

export interface NextCommand {
  command: string;
  what: string;
}

/** What a person can usefully type now. */
export function nextCommands(task: TaskSnapshot): NextCommand[] {
  const cancel = { command: "/archon cancel", what: "stop the task" };
  const replan = { command: "/archon plan", what: "plan again from the issue as it reads now" };
  const fix = { command: "/archon fix <what>", what: "ask for a change to the pull request" };
  switch (task.status) {
    case "received":
      return [cancel];
    case "planned":
      return [{ command: "/archon run", what: "start" }, replan, cancel];
    case "awaiting_approval":
      return [{ command: "/archon approve", what: "approve the plan and start" }, replan, cancel];
    case "running":
    case "fixing":
      return [{ command: "/archon status", what: "refresh this comment" }, cancel];
    case "pr_open":
    case "ci_running":
    case "ready_for_review":
      return [fix, cancel];
    case "needs_attention":
      if (task.attention === "config_invalid") return [replan, cancel];
      return [{ command: "/archon retry [step]", what: "try again" }, ...(task.prNumber ? [fix] : []), replan, cancel];
    case "failed":
      return [{ command: "/archon retry [step]", what: "try again" }, replan];
    case "done":
    case "cancelled":
      return [];
  }
}

export interface TickTarget {
  action: TickAction;
  step?: number;
  label: string;
}

/** The checkboxes the status comment offers; ticking one is the same as typing the command. */
export function tickTargets(task: TaskSnapshot): TickTarget[] {
  const cancel: TickTarget = { action: "cancel", label: "Cancel this task" };
  switch (task.status) {
    case "planned":
    case "awaiting_approval":
      return [{ action: "approve", label: "Approve the plan and start" }, cancel];
    case "needs_attention":
    case "failed": {
      if (task.attention === "config_invalid") return [cancel];
      const failed = task.steps.filter((s) => s.status === "failed");
      const retries: TickTarget[] =
        failed.length > 0
          ? failed.map((s) => ({ action: "retry", step: s.position, label: `Retry step ${s.position}: ${s.title}` }))
          : [{ action: "retry", label: task.prNumber === null ? "Retry" : "Try one more fix" }];
      return task.status === "failed" ? retries : [...retries, cancel];
    }
    case "received":
    case "running":
    case "fixing":
    case "pr_open":
    case "ci_running":
    case "ready_for_review":
      return [cancel];
    case "done":
    case "cancelled":
      return [];
  }
}
