import { type RawBuilder, sql } from "kysely";
import type { Executor } from "../db/database.js";
import { REDELIVERY_EFFECT } from "../github/redeliver-failed.js";
import { type QueueLogger, errorMessage } from "../queue/logger.js";
import { type Periodic, every } from "../queue/periodic.js";

/**
 * GitHub keeps a webhook delivery, and lets it be redelivered, for 3 days; a record kept for
 * less could let a redelivery run twice.
 */
export const MIN_RETENTION_DAYS = 4;

export interface PruneOptions {
  /** Rows older than this many days go. */
  keepDays: number;
  /** Rows deleted per statement, so a large backlog never holds long locks. */
  batchSize?: number;
  /** Stops between statements once aborted (the worker is shutting down). */
  signal?: AbortSignal | undefined;
}

/** Rows deleted, by what they were. */
export interface PruneResult {
  jobs: number;
  deliveries: number;
  pullRequestEvents: number;
  labelChanges: number;
  closes: number;
  redeliveries: number;
}

type Target = { [K in keyof PruneResult]: { table: string; older: (cutoff: RawBuilder<Date>) => RawBuilder<unknown> } };

/**
 * What is kept only to settle duplicates and orderings that arrive within days, never past the
 * retention: finished jobs (a redelivered webhook finds its delivery record first), the delivery
 * records themselves, pull request events recorded for a task, the times labels and closes were
 * stamped, and the redeliveries asked of GitHub. Jobs that are not done, dead jobs (kept for
 * people to look at), tasks, plans, agent runs and the knowledge base are never pruned.
 */
const TARGETS: Target = {
  jobs: { table: "jobs", older: (cutoff) => sql`state = 'done' and updated_at < ${cutoff}` },
  deliveries: { table: "webhook_deliveries", older: (cutoff) => sql`received_at < ${cutoff}` },
  pullRequestEvents: { table: "pull_request_events", older: (cutoff) => sql`received_at < ${cutoff}` },
  // By when Archon recorded them, not by GitHub's stamps: those may be older than the delivery.
  labelChanges: { table: "issue_label_changes", older: (cutoff) => sql`recorded_at < ${cutoff}` },
  closes: { table: "issue_closes", older: (cutoff) => sql`recorded_at < ${cutoff}` },
  redeliveries: { table: "effects", older: (cutoff) => sql`kind = ${REDELIVERY_EFFECT} and created_at < ${cutoff}` },
};

/** Deletes what is older than the retention (see TARGETS), a batch at a time; returns the counts. */
export async function pruneOnce(db: Executor, options: PruneOptions): Promise<PruneResult> {
  if (options.keepDays < MIN_RETENTION_DAYS) {
    throw new Error(
      `a retention of ${options.keepDays} days is too short: deliveries are remembered for at least ${MIN_RETENTION_DAYS} days, since GitHub can redeliver them for 3`,
    );
  }
  const batch = options.batchSize ?? 5_000;
  // The database's clock, like every other time Archon stores.
  const cutoff = sql<Date>`now() - make_interval(days => ${options.keepDays})`;
  const result: PruneResult = { jobs: 0, deliveries: 0, pullRequestEvents: 0, labelChanges: 0, closes: 0, redeliveries: 0 };
  for (const [name, target] of Object.entries(TARGETS) as [keyof PruneResult, Target[keyof PruneResult]][]) {
    for (;;) {
      if (options.signal?.aborted) return result;
      const deleted = await sql`
        delete from ${sql.table(target.table)} where ctid in (
          select ctid from ${sql.table(target.table)} where ${target.older(cutoff)} limit ${batch}
        ) returning 1`.execute(db);
      const n = deleted.rows.length;
      result[name] += n;
      if (n < batch) break;
    }
  }
  return result;
}

export interface RetentionOptions extends PruneOptions {
  intervalMs: number;
  logger: QueueLogger;
}

/**
 * Prunes at once and then every `intervalMs`. Several workers may prune at the same time: a row
 * one of them deleted is simply not there for the others.
 */
export function startRetention(db: Executor, options: RetentionOptions): Periodic<PruneResult | undefined> {
  const { logger } = options;
  return every<PruneResult | undefined>(
    options.intervalMs,
    async (signal) => {
      try {
        const pruned = await pruneOnce(db, { ...options, signal });
        if (Object.values(pruned).some((n) => n > 0)) logger.info({ pruned, keepDays: options.keepDays }, "pruned rows past the retention");
        return pruned;
      } catch (error) {
        logger.warn({ err: errorMessage(error) }, "pruning failed; retrying on the next tick");
        return undefined;
      }
    },
    undefined,
  );
}
