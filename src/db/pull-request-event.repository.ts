import type { TaskEvent } from "../domain/task-event.js";
import type { Executor } from "./database.js";
import type { PullRequestEvent } from "./pull-request-event.table.js";

/** A recorded event with the time it arrived, to be merged with other recorded events by arrival. */
export interface Recorded {
  event: TaskEvent;
  receivedAt: Date;
}

/** Records an event about pull request `prNumber` of the task; a second recording of `key` is a no-op. */
export async function recordPullRequestEvent(
  ex: Executor,
  input: { taskId: number | string; prNumber: number; key: string; event: TaskEvent },
): Promise<void> {
  await ex
    .insertInto("pull_request_events")
    .values({ task_id: input.taskId, pr_number: input.prNumber, key: input.key, event: JSON.stringify(input.event) })
    .onConflict((oc) => oc.columns(["task_id", "key"]).doNothing())
    .execute();
}

/**
 * Marks the task's waiting events about pull request `prNumber` applied and returns them in the
 * order they arrived. Called under the task's row lock, so each is taken once.
 */
export async function takePullRequestEvents(ex: Executor, taskId: number | string, prNumber: number): Promise<Recorded[]> {
  const taken: PullRequestEvent[] = await ex
    .updateTable("pull_request_events")
    .set({ applied_at: new Date() })
    .where("task_id", "=", String(taskId))
    .where("pr_number", "=", prNumber)
    .where("applied_at", "is", null)
    .returningAll()
    .execute();
  return taken
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((row) => ({ event: row.event as TaskEvent, receivedAt: row.received_at }));
}
