import { sql } from "kysely";
import type { Executor } from "./database.js";
import type { Job } from "./job.table.js";

/** PGlite returns bigint columns as numbers and pg as strings; callers always get strings. */
function normalize(row: Job): Job {
  return { ...row, id: String(row.id), task_id: row.task_id === null ? null : String(row.task_id) };
}

function normalizeOptional(row: Job | undefined): Job | undefined {
  return row === undefined ? undefined : normalize(row);
}

export interface NewJob {
  kind: string;
  payload: unknown;
  /** Unique per job: a second insert with the same key returns the first row. */
  idempotencyKey: string;
  taskId?: string | number | null | undefined;
  /** Not before this time; unset means now. */
  availableAt?: Date | undefined;
}

export interface InsertJobResult {
  job: Job;
  /** False when a job with this idempotency key already existed. */
  created: boolean;
}

/**
 * Inserts the job, or returns the existing one for its idempotency key. Runs in the caller's
 * transaction so the job commits (or not) with whatever caused it.
 */
export async function insertJob(ex: Executor, job: NewJob): Promise<InsertJobResult> {
  const inserted = await ex
    .insertInto("jobs")
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? null),
      idempotency_key: job.idempotencyKey,
      task_id: job.taskId ?? null,
      ...(job.availableAt ? { available_at: job.availableAt } : {}),
    })
    .onConflict((oc) => oc.column("idempotency_key").doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { job: normalize(inserted), created: true };
  const existing = await ex
    .selectFrom("jobs")
    .selectAll()
    .where("idempotency_key", "=", job.idempotencyKey)
    .executeTakeFirstOrThrow();
  return { job: normalize(existing), created: false };
}

export async function getJob(ex: Executor, id: string | number): Promise<Job | undefined> {
  return normalizeOptional(await ex.selectFrom("jobs").selectAll().where("id", "=", String(id)).executeTakeFirst());
}

/** The job, and how long until it is due by the database's clock (0 when it is due now). */
export async function getJobAndWait(ex: Executor, id: string | number): Promise<{ job: Job; dueInMs: number } | undefined> {
  const row = await ex
    .selectFrom("jobs")
    .selectAll()
    .select(sql<number>`greatest(0, ceil(extract(epoch from (available_at - now())) * 1000))::int`.as("due_in_ms"))
    .where("id", "=", String(id))
    .executeTakeFirst();
  if (!row) return undefined;
  const { due_in_ms, ...job } = row;
  return { job: normalize(job), dueInMs: Number(due_in_ms) };
}

/**
 * Takes the job for one run: pending and due, or running but silent for longer than
 * `staleAfterMs` (its worker died). Counts the attempt. Returns undefined when someone else holds
 * it, it is finished, or it is not due yet, so two workers never run the same job at once.
 */
export async function markJobRunning(
  ex: Executor,
  id: string | number,
  options: { staleAfterMs: number },
): Promise<Job | undefined> {
  const stale = sql<Date>`now() - make_interval(secs => ${options.staleAfterMs / 1000})`;
  const row = await ex
    .updateTable("jobs")
    .set({
      state: "running",
      attempts: sql`attempts + 1`,
      updated_at: sql`now()`,
    })
    .where("id", "=", String(id))
    .where("available_at", "<=", sql<Date>`now()`)
    .where((eb) =>
      eb.or([eb("state", "=", "pending"), eb.and([eb("state", "=", "running"), eb("updated_at", "<", stale)])]),
    )
    .returningAll()
    .executeTakeFirst();
  return normalizeOptional(row);
}

/** Tells the other workers this running job is still alive (see `markJobRunning`). */
export async function touchJob(ex: Executor, id: string | number): Promise<void> {
  await ex
    .updateTable("jobs")
    .set({ updated_at: sql`now()` })
    .where("id", "=", String(id))
    .where("state", "=", "running")
    .execute();
}

export async function markJobDone(ex: Executor, id: string | number): Promise<void> {
  await ex
    .updateTable("jobs")
    .set({ state: "done", last_error: null, updated_at: sql`now()` })
    .where("id", "=", String(id))
    .execute();
}

export interface FailureOptions {
  /** True when the job will not be tried again. */
  dead: boolean;
  /** How long from now (on the database clock) to wait before trying again; ignored when dead. */
  retryAfterMs?: number | undefined;
}

/**
 * Records a failed run. A job that will be retried goes back to pending, unpublished, due at
 * after `retryAfterMs`, so the reconciler publishes it again when due even if nobody else does.
 */
export async function recordJobFailure(
  ex: Executor,
  id: string | number,
  error: string,
  options: FailureOptions,
): Promise<Job | undefined> {
  const row = await ex
    .updateTable("jobs")
    .set({
      state: options.dead ? "dead" : "pending",
      last_error: error,
      published_at: null,
      updated_at: sql`now()`,
      ...(!options.dead && options.retryAfterMs
        ? {
            available_at: sql<Date>`now() + make_interval(secs => ${options.retryAfterMs / 1000})`,
          }
        : {}),
    })
    .where("id", "=", String(id))
    .where("state", "not in", ["done", "dead"])
    .returningAll()
    .executeTakeFirst();
  return normalizeOptional(row);
}

/**
 * Puts a running job back to pending, due after `delayMs` (on the database clock) and
 * unpublished, without counting the run as an attempt: it had nothing to do yet. The reconciler
 * publishes it when due should its worker not.
 */
export async function deferJob(ex: Executor, id: string | number, delayMs: number): Promise<Job | undefined> {
  const row = await ex
    .updateTable("jobs")
    .set({
      state: "pending",
      attempts: sql`greatest(attempts - 1, 0)`,
      published_at: null,
      updated_at: sql`now()`,
      available_at: sql<Date>`now() + make_interval(secs => ${delayMs / 1000})`,
    })
    .where("id", "=", String(id))
    .where("state", "=", "running")
    .returningAll()
    .executeTakeFirst();
  return normalizeOptional(row);
}

/** Stamps the jobs as pushed to the queue just now. */
export async function markJobPublished(ex: Executor, ids: readonly (string | number)[]): Promise<void> {
  if (ids.length === 0) return;
  await ex
    .updateTable("jobs")
    .set({ published_at: sql`now()` })
    .where(
      "id",
      "in",
      ids.map((id) => String(id)),
    )
    .execute();
}

export interface DueJobsQuery {
  /** The visibility timeout: a job published (or heard from) more recently than this is in flight. */
  olderThanMs: number;
  limit: number;
  /** Lock the rows (skipping ones locked by another reconciler); needs a transaction. */
  lock?: boolean;
}

/**
 * Jobs that should be in the queue and may not be: unfinished and due, and either never
 * published or published longer ago than the visibility timeout. A running job counts only when
 * its worker has been silent that long too, so a long healthy run is not published again.
 * Ages are measured on the database clock, the one every worker shares.
 */
export async function listDueJobs(ex: Executor, query: DueJobsQuery): Promise<Job[]> {
  const cutoff = sql<Date>`now() - make_interval(secs => ${query.olderThanMs / 1000})`;
  let select = ex
    .selectFrom("jobs")
    .selectAll()
    .where("state", "in", ["pending", "running"])
    .where("available_at", "<=", sql<Date>`now()`)
    .where((eb) => eb.or([eb("published_at", "is", null), eb("published_at", "<", cutoff)]))
    .where((eb) => eb.or([eb("state", "=", "pending"), eb("updated_at", "<", cutoff)]))
    .orderBy("available_at")
    .orderBy("id")
    .limit(query.limit);
  if (query.lock) select = select.forUpdate().skipLocked();
  return (await select.execute()).map(normalize);
}

/** How many of the task's jobs are still to run or running. */
export async function countOpenJobs(ex: Executor, taskId: string): Promise<number> {
  const row = await ex
    .selectFrom("jobs")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("task_id", "=", taskId)
    .where("state", "not in", ["done", "dead"])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Whether a job of the task whose idempotency key starts with `keyPrefix` was queued after the
 * job keyed `key` and is still to run or running. False when there is no job keyed `key`.
 */
export async function hasNewerOpenJob(ex: Executor, taskId: string, key: string, keyPrefix: string): Promise<boolean> {
  const mine = await ex.selectFrom("jobs").select("id").where("idempotency_key", "=", key).executeTakeFirst();
  if (mine === undefined) return false;
  const newer = await ex
    .selectFrom("jobs")
    .select("id")
    .where("task_id", "=", taskId)
    .where("idempotency_key", "like", `${keyPrefix}%`)
    .where("id", ">", mine.id)
    .where("state", "in", ["pending", "running"])
    .executeTakeFirst();
  return newer !== undefined;
}
