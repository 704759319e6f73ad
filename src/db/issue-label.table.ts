import type { ColumnType, Selectable } from "kysely";

/** Written as Date or ISO text. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** When a label was last added to and last removed from an issue, as GitHub stamped the events. */
export interface IssueLabelChangeTable {
  repository_id: string | number;
  issue_number: number;
  label: string;
  labeled_at: Timestamp | null;
  unlabeled_at: Timestamp | null;
  /** When Archon last recorded a time here (retention goes by it). */
  recorded_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export type IssueLabelChange = Selectable<IssueLabelChangeTable>;
