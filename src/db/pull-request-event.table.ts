import type { ColumnType, Generated, Selectable } from "kysely";

/** Written as Date or ISO text, optional on insert where the column has a default. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** An event about a task's pull request, kept until the task has recorded that pull request. */
export interface PullRequestEventTable {
  id: Generated<string>;
  task_id: string | number;
  pr_number: number;
  /** The webhook delivery it came from: recorded once, however often its job runs. */
  key: string;
  /** The state machine's event (src/archon/task-event.ts). */
  event: ColumnType<unknown, string, string>;
  received_at: Timestamp;
  /** When a transition took it; null while it waits for its pull request. */
  applied_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
export type PullRequestEvent = Selectable<PullRequestEventTable>;
