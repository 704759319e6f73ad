import type { PlanDraft } from "../archon/plan.js";
import { transition } from "../archon/state-machine.js";
import type { Command } from "../archon/task-command.js";
import type { TaskEvent } from "../archon/task-event.js";
import type { TaskSnapshot } from "../archon/task-snapshot.js";
import type { RepoConfig } from "../archon/repo-config.schema.js";
import type { TaskSpec } from "../archon/task-spec.js";
import { lockTask, savePlan, updateTask } from "../db/task.repository.js";
import { insertJob } from "../db/job.repository.js";
import type { Db } from "../db/database.js";
import { publishAfterCommit } from "../queue/outbox.js";
import type { Queue } from "../queue/queue.js";
import type { Logger } from "pino";
import { configOf, persistSnapshot, snapshotOf } from "./task-state.js";

/** Job kind that carries out one command of the state machine. */
export const TASK_COMMAND_JOB = "task.command";

export interface CommandJobPayload {
  taskId: string;
  command: Command;
}

export interface Applied {
  task: TaskSnapshot;
  commands: Command[];
  /** False when the event changed nothing and asked for nothing. */
  changed: boolean;
  /**
   * True when the state machine took the event (the task's revision moved). An event ignored in
   * this state is not accepted, though it may still ask for commands (a refreshed status comment).
   */
  accepted: boolean;
}

/**
 * The request a new plan was made from (the issue as it reads now). Stored with the plan, so the
 * agents build what the plan says rather than the text the task started with.
 */
export interface PlannedRequest {
  title: string;
  body: string;
  spec: TaskSpec;
  /** The repository's config as it reads now, when it was read again for this plan. */
  config?: RepoConfig | undefined;
}

function planOf(event: TaskEvent): PlanDraft | undefined {
  return "plan" in event ? event.plan : undefined;
}

/**
 * One transition, atomically: lock the task, decide, store the new snapshot (and plan), and write
 * one outbox job per command, all in one transaction; publish after commit. Commands carry their
 * idempotency keys as job keys, so a replayed event creates no second job.
 */
export async function applyEvent(
  deps: { db: Db; queue: Queue; logger: Logger },
  taskId: string,
  event: TaskEvent,
  request?: PlannedRequest,
): Promise<Applied> {
  const result = await deps.db.transaction().execute(async (trx) => {
    const task = await lockTask(trx, taskId);
    if (!task) throw new Error(`task ${taskId} does not exist`);
    const before = snapshotOf(task);
    const config = request?.config ?? configOf(task);
    const decided = transition(before, event, config);
    const changed = decided.task.revision !== before.revision || decided.commands.length > 0;
    if (changed) {
      const plan = planOf(event);
      if (plan && decided.task.planVersion !== before.planVersion) {
        await savePlan(trx, taskId, plan);
        if (request) {
          const stored = request.config ? { config: { ...request.config } } : {};
          await updateTask(trx, taskId, { title: request.title, body: request.body, spec: request.spec, ...stored });
          decided.task = { ...decided.task, title: request.title };
        }
      }
      await persistSnapshot(trx, task, decided.task);
    }
    const jobs = [];
    for (const command of decided.commands) {
      const { job, created } = await insertJob(trx, {
        kind: TASK_COMMAND_JOB,
        payload: { taskId, command } satisfies CommandJobPayload,
        idempotencyKey: command.idempotencyKey,
        taskId,
      });
      if (created) jobs.push(job);
    }
    return { decided, changed, accepted: decided.task.revision !== before.revision, jobs };
  });
  if (result.jobs.length > 0) await publishAfterCommit(deps.queue, result.jobs, { db: deps.db, logger: deps.logger });
  deps.logger.debug({ task: taskId, event: event.type, status: result.decided.task.status, commands: result.decided.commands.length }, "transition");
  return { task: result.decided.task, commands: result.decided.commands, changed: result.changed, accepted: result.accepted };
}
