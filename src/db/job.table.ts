import type { ColumnType, Generated, JSONColumnType, Selectable } from "kysely";

/** Written as Date or ISO text, optional on insert where the column has a default. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type JobState = "pending" | "running" | "done" | "dead";

/** The outbox: a job is a row first, a stream entry second. */
export interface JobTable {
  id: Generated<string>;
  kind: string;
  payload: ColumnType<unknown, string, string>;
  idempotency_key: string;
  task_id: string | number | null;
  state: Generated<JobState>;
  attempts: Generated<number>;
  available_at: Timestamp;
  published_at: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export type Job = Selectable<JobTable>;

export type DeliveryOutcome = "recorded" | "ignored" | "duplicate" | "rejected";

export interface WebhookDeliveryTable {
  delivery_id: string;
  event: string;
  action: string | null;
  installation_id: string | number | null;
  received_at: Timestamp;
  outcome: DeliveryOutcome;
  job_id: string | number | null;
}
export type WebhookDelivery = Selectable<WebhookDeliveryTable>;

export interface EffectTable {
  key: string;
  task_id: string | number | null;
  kind: string;
  result: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
}
export type Effect = Selectable<EffectTable>;
