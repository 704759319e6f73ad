import { describe, expect, it } from "vitest";
import type { TaskStatus } from "../../src/domain/task-status.js";
import { fromBoardStatus, toBoardStatus } from "../../src/mcp/board-status.js";

describe("board status", () => {
  it.each<[TaskStatus, string]>([
    ["received", "todo"],
    ["planned", "todo"],
    ["awaiting_approval", "todo"],
    ["running", "doing"],
    ["pr_open", "doing"],
    ["ci_running", "doing"],
    ["fixing", "doing"],
    ["ready_for_review", "review"],
    ["needs_attention", "review"],
    ["done", "done"],
    ["failed", "done"],
    ["cancelled", "done"],
  ])("shows %s as %s and finds it again under that column", (status, board) => {
    expect(toBoardStatus(status)).toBe(board);
    expect(fromBoardStatus(toBoardStatus(status))).toContain(status);
  });

  it("puts every state in exactly one column", () => {
    const all = (["todo", "doing", "review", "done"] as const).flatMap(fromBoardStatus);
    expect(all).toHaveLength(12);
    expect(new Set(all).size).toBe(12);
  });
});
