import type { Command } from "../domain/task-command.js";
import type { TaskEvent } from "../domain/task-event.js";
import { applyEvent } from "./apply-event.js";
import type { WorkerDeps } from "./deps.js";

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A command that failed on its last delivery must not leave its task "running" forever: the work
 * it stood for becomes a failed step, so the status comment says what went wrong and
 * `/archon retry` can pick it up. Commands that only report (comments, labels, reactions) fail
 * alone; the task goes on without them.
 */
export async function giveUpOnCommand(deps: Pick<WorkerDeps, "db" | "queue" | "logger">, taskId: string, command: Command, error: unknown): Promise<void> {
  const reason = describe(error);
  let event: TaskEvent | undefined;
  if (command.type === "run_step") {
    event = { type: "step_failed", position: command.position, attempt: command.attempt, error: `The step could not run: ${reason}` };
  } else if (command.type === "open_or_update_pr") {
    event = { type: "pr_failed", error: reason };
  }
  deps.logger.error({ task: taskId, command: command.type, err: reason }, "command failed on its last delivery");
  if (event) await applyEvent(deps, taskId, event);
}
