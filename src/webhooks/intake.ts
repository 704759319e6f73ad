import type { Logger } from "pino";
import type { Db } from "../db/database.js";
import { type DeliveryRow, type RecordedDelivery, markJobsUnpublished, recordDeliveries } from "../db/delivery.repository.js";
import type { Queue } from "../queue/queue.js";
import { toDomainEvent } from "./domain-event.js";

/** Job kind of a recorded webhook event; the worker's orchestrator handles it. */
export const GITHUB_EVENT_JOB = "github.event";

export interface IncomingDelivery {
  id: string;
  name: string;
  payload: unknown;
}

export interface Intake {
  /** Resolves once the delivery (and its job) is committed; rejects when it could not be. */
  record(delivery: IncomingDelivery): Promise<RecordedDelivery>;
  /** Deliveries per outcome since start, for /metrics. */
  counts(): Record<RecordedDelivery["outcome"], number>;
}

interface Pending {
  row: DeliveryRow;
  resolve(r: RecordedDelivery): void;
  reject(e: unknown): void;
}

export interface IntakeOptions {
  db: Db;
  queue: Queue;
  logger: Logger;
  /** Most deliveries committed in one transaction. */
  maxBatch?: number;
  /** Transactions in flight at once; more keep the pool busy while one waits on its commit. */
  maxInFlight?: number;
}

function toRow(delivery: IncomingDelivery): DeliveryRow {
  const p = delivery.payload as { action?: unknown; installation?: { id?: unknown } } | null;
  const installationId = typeof p?.installation?.id === "number" ? p.installation.id : undefined;
  const decided = toDomainEvent(delivery.name, delivery.payload);
  return {
    deliveryId: delivery.id,
    event: delivery.name,
    action: typeof p?.action === "string" ? p.action : undefined,
    installationId,
    job: decided.kind === "event" ? { kind: GITHUB_EVENT_JOB, payload: { deliveryId: delivery.id, event: decided.event } } : undefined,
  };
}

/**
 * Group commit: deliveries that arrive while transactions are in flight are committed together in
 * the next one, so throughput grows with concurrency while each delivery is still acknowledged
 * only after its own commit. Publishing to the queue follows the acknowledgement: the job is
 * already safe in PostgreSQL, and a publish that fails is left to the reconciler. Nothing slow runs
 * here: no GitHub call, no planning.
 */
export function createIntake({ db, queue, logger, maxBatch = 200, maxInFlight = 3 }: IntakeOptions): Intake {
  let waiting: Pending[] = [];
  let inFlight = 0;
  const tally: Record<RecordedDelivery["outcome"], number> = { recorded: 0, ignored: 0, duplicate: 0 };

  async function publish(jobs: { id: string; kind: string }[]): Promise<void> {
    try {
      await queue.publish(jobs.map((j) => ({ jobId: j.id, kind: j.kind })));
    } catch (error) {
      logger.warn({ err: error, jobs: jobs.length }, "could not publish jobs; left for the reconciler");
      await markJobsUnpublished(db, jobs.map((j) => j.id)).catch(() => undefined);
    }
  }

  async function commit(batch: Pending[]): Promise<void> {
    let results: RecordedDelivery[];
    try {
      results = await db.transaction().execute((trx) => recordDeliveries(trx, batch.map((p) => p.row)));
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const r = results[i]!;
      tally[r.outcome]++;
      p.resolve(r);
    });
    const jobs = results.flatMap((r) => (r.job ? [r.job] : []));
    if (jobs.length > 0) await publish(jobs);
  }

  function pump(): void {
    while (waiting.length > 0 && inFlight < maxInFlight) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      inFlight++;
      void commit(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return {
    record(delivery) {
      return new Promise<RecordedDelivery>((resolve, reject) => {
        waiting.push({ row: toRow(delivery), resolve, reject });
        pump();
      });
    },
    counts: () => ({ ...tally }),
  };
}
