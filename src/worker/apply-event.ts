import type { PlanDraft } from "../domain/plan.js";
import { type TransitionConfig, type TransitionResult, transition } from "../archon/state-machine.js";
import type { Command } from "../domain/task-command.js";
import type { TaskEvent } from "../domain/task-event.js";
import type { TaskSnapshot } from "../domain/task-snapshot.js";
import type { RepoConfig } from "../archon/repo-config.schema.js";
import type { TaskSpec } from "../domain/task-spec.js";
import { lockTask, savePlan, updateTask } from "../db/task.repository.js";
import { listCiResultsAt } from "../db/ci-result.repository.js";
import { insertJob } from "../db/job.repository.js";
import type { Db, Executor } from "../db/database.js";
import { type Recorded, takePullRequestEvents } from "../db/pull-request-event.repository.js";
import type { Task } from "../db/task.table.js";
import { publishAfterCommit } from "../queue/outbox.js";
import type { PinnedBase } from "../github/github-forge.js";
import { storePlanBase } from "../db/round-base.repository.js";
import type { Queue } from "../queue/queue.js";
import type { Logger } from "pino";
import { ciCompletedEvent } from "./ci-result-event.js";
import { configOf, persistSnapshot, snapshotOf } from "../db/task-state.js";

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

export interface ApplyOptions {
  /** The task's text and config as planned anew (re-plans): stored with the new plan. */
  request?: PlannedRequest | undefined;
  /** The commit and tree the event's plan was read from, when the reads learned them (see storePlanBase). */
  base?: PinnedBase | undefined;
  /** Events recorded earlier that belong after this one (see RecordedLater). */
  later?: RecordedLater | undefined;
}

/**
 * Events already recorded that belong after the one applied, read under the task's row lock (so
 * a recording that commits after the read finds the task in its new state instead).
 */
export type RecordedLater = (ex: Executor, task: TaskSnapshot) => Promise<TaskEvent[]>;

function planOf(event: TaskEvent): PlanDraft | undefined {
  return "plan" in event ? event.plan : undefined;
}

/**
 * A pull request event can reach the task after what it started: CI can finish on a head, and
 * the pull request can be merged, closed, reviewed or commented on, before the job that opened
 * it has recorded it (that job was slow, or died after writing to GitHub and ran again). Such CI
 * results were recorded but set aside as stale, and events about the pull request waited for it
 * (see applyPullRequestEvents). Once the pull request and its head are the task's, they count, in
 * the order they arrived, as if they had come after it.
 */
async function recordedForPullRequest(ex: Executor, taskId: string, before: TaskSnapshot, after: TaskSnapshot, event: TaskEvent): Promise<TaskEvent[]> {
  if (event.type !== "pr_opened" || after.prNumber === null) return [];
  const newHead = after.headSha !== before.headSha ? after.headSha : null;
  const results = newHead === null ? [] : await listCiResultsAt(ex, taskId, newHead);
  const ci: Recorded[] = results.map((r) => ({ event: ciCompletedEvent(r), receivedAt: r.received_at }));
  const waiting = await takePullRequestEvents(ex, taskId, after.prNumber);
  return [...ci, ...waiting].sort((x, y) => x.receivedAt.getTime() - y.receivedAt.getTime()).map((r) => r.event);
}

/** Events one after the other: the last task, and the commands of every step. */
function fold(decided: TransitionResult, events: readonly TaskEvent[], config: TransitionConfig): TransitionResult {
  let result = decided;
  for (const event of events) {
    const next = transition(result.task, event, config);
    result = { task: next.task, commands: [...result.commands, ...next.commands] };
  }
  return result;
}

/** Stores the decided snapshot when it changed, and one outbox job per new command. */
async function store(trx: Executor, task: Task, before: TaskSnapshot, decided: TransitionResult) {
  const taskId = String(task.id);
  if (decided.task.revision !== before.revision || decided.commands.length > 0) await persistSnapshot(trx, task, decided.task);
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
  return jobs;
}

/**
 * One transition, atomically: lock the task, decide, store the new snapshot (and plan), and write
 * one outbox job per command, all in one transaction; publish after commit. Commands carry their
 * idempotency keys as job keys, so a replayed event creates no second job. When the state machine
 * takes the event, events recorded earlier that belong after it (see recordedForPullRequest, and
 * what `later` finds) follow in the same transaction, so the task ends as if they had come in
 * order.
 */
export async function applyEvent(
  deps: { db: Db; queue: Queue; logger: Logger },
  taskId: string,
  event: TaskEvent,
  options: ApplyOptions = {},
): Promise<Applied> {
  const { request, base, later } = options;
  const result = await deps.db.transaction().execute(async (trx) => {
    const task = await lockTask(trx, taskId);
    if (!task) throw new Error(`task ${taskId} does not exist`);
    const before = snapshotOf(task);
    const config = request?.config ?? configOf(task);
    const first = transition(before, event, config);
    const accepted = first.task.revision !== before.revision;
    const followers = accepted
      ? [...(await recordedForPullRequest(trx, taskId, before, first.task, event)), ...((await later?.(trx, first.task)) ?? [])]
      : [];
    const decided = fold(first, followers, config);
    const changed = decided.task.revision !== before.revision || decided.commands.length > 0;
    const plan = planOf(event);
    if (changed && plan && decided.task.planVersion !== before.planVersion) {
      await savePlan(trx, taskId, plan);
      // Stored with the plan, so before any step of its round can run.
      if (base) await storePlanBase(trx, taskId, decided.task.planVersion, base);
      if (request) {
        const stored = request.config ? { config: { ...request.config } } : {};
        await updateTask(trx, taskId, { title: request.title, body: request.body, spec: request.spec, ...stored });
        decided.task = { ...decided.task, title: request.title };
      }
    }
    const jobs = await store(trx, task, before, decided);
    return { decided, changed, accepted, followers: followers.map((f) => f.type), jobs };
  });
  if (result.jobs.length > 0) await publishAfterCommit(deps.queue, result.jobs, { db: deps.db, logger: deps.logger });
  const { decided, followers, changed, accepted } = result;
  deps.logger.debug({ task: taskId, event: event.type, followers, status: decided.task.status, commands: decided.commands.length }, "transition");
  return { task: decided.task, commands: decided.commands, changed, accepted };
}

/**
 * Applies the task's events about a pull request (recorded with recordPullRequestEvent) once the
 * task has recorded that pull request, each once, in the order they arrived. Until then they
 * wait, and the pull request event that records it applies them (see recordedForPullRequest).
 * Both run under the task's row lock, so an event recorded while the pull request is being
 * recorded is applied by exactly one of them.
 */
export async function applyPullRequestEvents(deps: { db: Db; queue: Queue; logger: Logger }, taskId: string): Promise<void> {
  const result = await deps.db.transaction().execute(async (trx) => {
    const task = await lockTask(trx, taskId);
    if (!task) throw new Error(`task ${taskId} does not exist`);
    const before = snapshotOf(task);
    if (before.prNumber === null) return { events: [], decided: { task: before, commands: [] }, jobs: [] };
    const events = (await takePullRequestEvents(trx, taskId, before.prNumber)).map((r) => r.event);
    const decided = fold({ task: before, commands: [] }, events, configOf(task));
    return { events: events.map((e) => e.type), decided, jobs: await store(trx, task, before, decided) };
  });
  if (result.jobs.length > 0) await publishAfterCommit(deps.queue, result.jobs, { db: deps.db, logger: deps.logger });
  const { decided, events } = result;
  deps.logger.debug({ task: taskId, events, status: decided.task.status, commands: decided.commands.length }, "pull request events");
}
