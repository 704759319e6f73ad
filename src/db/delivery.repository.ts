import { sql } from "kysely";
import type { Executor } from "./database.js";

export interface DeliveryRow {
  deliveryId: string;
  event: string;
  action: string | undefined;
  installationId: number | undefined;
  /** The job to create for this delivery, or undefined when it is recorded as ignored. */
  job: { kind: string; payload: unknown } | undefined;
}

export interface RecordedDelivery {
  deliveryId: string;
  outcome: "recorded" | "ignored" | "duplicate";
  job?: { id: string; kind: string } | undefined;
}

/** The idempotency key of the job a delivery creates: a redelivery finds the same job. */
export function deliveryJobKey(deliveryId: string): string {
  return `delivery:${deliveryId}`;
}

/**
 * Records many deliveries and their jobs with two statements, in the caller's transaction.
 * A delivery id seen before (GitHub redelivers with the same X-GitHub-Delivery) changes nothing.
 * Jobs are written as published now: the caller publishes right after commit and clears the mark
 * if that fails, so the reconciler's scan only sees jobs that really need publishing.
 */
export async function recordDeliveries(ex: Executor, rows: readonly DeliveryRow[]): Promise<RecordedDelivery[]> {
  const unique = new Map<string, DeliveryRow>();
  for (const row of rows) if (!unique.has(row.deliveryId)) unique.set(row.deliveryId, row);
  if (unique.size === 0) return rows.map((r) => ({ deliveryId: r.deliveryId, outcome: "duplicate" }));

  const inserted = await ex
    .insertInto("webhook_deliveries")
    .values(
      [...unique.values()].map((r) => ({
        delivery_id: r.deliveryId,
        event: r.event,
        action: r.action ?? null,
        installation_id: r.installationId ?? null,
        outcome: r.job ? ("recorded" as const) : ("ignored" as const),
        job_id: null,
      })),
    )
    .onConflict((oc) => oc.column("delivery_id").doNothing())
    .returning("delivery_id")
    .execute();
  const fresh = new Set(inserted.map((r) => r.delivery_id));

  const withJobs = [...unique.values()].filter((r) => fresh.has(r.deliveryId) && r.job);
  const jobs = new Map<string, { id: string; kind: string }>();
  if (withJobs.length > 0) {
    const created = await ex
      .insertInto("jobs")
      .values(
        withJobs.map((r) => ({
          kind: r.job!.kind,
          payload: JSON.stringify(r.job!.payload),
          idempotency_key: deliveryJobKey(r.deliveryId),
          task_id: null,
          published_at: sql<Date>`now()`,
        })),
      )
      .onConflict((oc) => oc.column("idempotency_key").doNothing())
      .returning(["id", "kind", "idempotency_key"])
      .execute();
    for (const job of created) jobs.set(job.idempotency_key.slice("delivery:".length), { id: String(job.id), kind: job.kind });
  }

  const seen = new Set<string>();
  return rows.map((r) => {
    if (!fresh.has(r.deliveryId) || seen.has(r.deliveryId)) return { deliveryId: r.deliveryId, outcome: "duplicate" };
    seen.add(r.deliveryId);
    return { deliveryId: r.deliveryId, outcome: r.job ? "recorded" : "ignored", job: jobs.get(r.deliveryId) };
  });
}

/** Clears the optimistic publish mark so the reconciler publishes these jobs again. */
export async function markJobsUnpublished(ex: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await ex.updateTable("jobs").set({ published_at: null }).where("id", "in", [...ids]).execute();
}

/** Which of these delivery ids Archon has recorded. */
export async function recordedDeliveryIds(ex: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await ex.selectFrom("webhook_deliveries").select("delivery_id").where("delivery_id", "in", ids).execute();
  return new Set(rows.map((r) => r.delivery_id));
}
