import type { AgentName } from "./step.js";
import type { TaskEventType } from "./task-event.js";
import type { FixContext } from "./task-snapshot.js";

/** Labels Archon keeps on the issue; exactly one of them (or none, once finished) at a time. */
export const TASK_LABELS = ["archon:planned", "archon:running", "archon:review", "archon:failed"] as const;
export type TaskLabel = (typeof TASK_LABELS)[number];

/** GitHub's reaction names Archon uses to acknowledge a command. */
export type Reaction = "+1" | "eyes" | "confused" | "rocket";

type CommandBody =
  /** Render the status comment from the new snapshot; write it only if the text changed. */
  | { type: "upsert_status_comment" }
  /** A new comment on the issue or pull request `number`, answering `to`'s command. */
  | { type: "reply"; number: number; to: string; inReplyTo: string | number; body: string }
  | { type: "react"; commentId: string | number; reaction: Reaction }
  /** The Archon labels the issue should carry; other `archon:*` labels are removed. */
  | { type: "set_labels"; labels: TaskLabel[] }
  | { type: "run_step"; position: number; agent: AgentName; attempt: number; fix: FixContext | null }
  /** Commit every step's changes as one commit and open the pull request, or push to it. */
  | { type: "open_or_update_pr"; draft: boolean; round: number }
  | { type: "mark_pr_ready"; prNumber: number }
  | { type: "request_reviewers"; prNumber: number; users: string[]; teams: string[] }
  /** An audit line: what the state machine decided about an event, and why. */
  | { type: "record_decision"; event: TaskEventType; accepted: boolean; reason: string };

/**
 * Something the shell must do. Commands are data; `idempotencyKey` is derived from the task, the
 * purpose and the attempt, so running the same transition twice does each side effect once.
 */
export type Command = CommandBody & { idempotencyKey: string };
export type CommandType = Command["type"];

export function idempotencyKey(taskId: string, purpose: string, attempt: number | string): string {
  return `task-${taskId}:${purpose}:${attempt}`;
}
