import type { ColumnType } from "kysely";

/** Written as Date or ISO text. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** When an issue was last closed (or deleted), as GitHub stamped the event. */
export interface IssueCloseTable {
  repository_id: string | number;
  issue_number: number;
  closed_at: Timestamp;
  /** When Archon last recorded a close here (retention goes by it). */
  recorded_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
