import type { TaskStatus } from "../domain/task-status.js";

/** The four columns task boards in editors know; Archon's own state travels beside it. */
export type BoardStatus = "todo" | "doing" | "review" | "done";

const BOARD: Record<TaskStatus, BoardStatus> = {
  received: "todo",
  planned: "todo",
  awaiting_approval: "todo",
  running: "doing",
  pr_open: "doing",
  ci_running: "doing",
  fixing: "doing",
  ready_for_review: "review",
  needs_attention: "review",
  done: "done",
  failed: "done",
  cancelled: "done",
};

export function toBoardStatus(status: TaskStatus): BoardStatus {
  return BOARD[status];
}

/** Every Archon state shown in a board column, for filtering. */
export function fromBoardStatus(board: BoardStatus): TaskStatus[] {
  return (Object.keys(BOARD) as TaskStatus[]).filter((s) => BOARD[s] === board);
}
