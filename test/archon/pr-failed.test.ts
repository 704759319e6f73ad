import { describe, expect, it } from "vitest";
import { transition } from "../../src/archon/state-machine.js";
import { CONFIG, STATUSES, taskIn } from "./fixtures.js";

describe("pr_failed: the commit or pull request could not be written after every retry", () => {
  it.each(["running", "fixing"] as const)("moves a %s task to needs_attention and says why", (status) => {
    const { task, commands } = transition(taskIn(status), { type: "pr_failed", error: "GitHub refused: rate limited." }, CONFIG);
    expect(task.status).toBe("needs_attention");
    expect(task.lastError).toContain("GitHub refused: rate limited.");
    expect(task.lastError).toContain("/archon retry");
    expect(commands.map((c) => c.type)).toContain("upsert_status_comment");
  });

  it.each(STATUSES.filter((s) => s !== "running" && s !== "fixing"))("changes nothing while %s", (status) => {
    const before = taskIn(status);
    const { task } = transition(before, { type: "pr_failed", error: "x" }, CONFIG);
    expect(task.status).toBe(status);
  });
});
