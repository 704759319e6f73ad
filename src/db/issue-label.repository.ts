import { sql } from "kysely";
import type { Executor } from "./database.js";
import type { IssueLabelChange } from "./issue-label.table.js";

export interface IssueLabel {
  repositoryId: string | number;
  issueNumber: number;
  label: string;
}

function latest(column: "labeled_at" | "unlabeled_at") {
  return sql<Date>`greatest(${sql.ref(`issue_label_changes.${column}`)}, ${sql.ref(`excluded.${column}`)})`;
}

/**
 * Records that the label was added to (or removed from) the issue at `at`, keeping the latest
 * time of each, so a redelivered or late event never moves a time back. Returns both times.
 */
export async function recordLabelChange(
  ex: Executor,
  key: IssueLabel,
  change: "labeled" | "unlabeled",
  at: string,
): Promise<IssueLabelChange> {
  return ex
    .insertInto("issue_label_changes")
    .values({
      repository_id: key.repositoryId,
      issue_number: key.issueNumber,
      label: key.label,
      labeled_at: change === "labeled" ? at : null,
      unlabeled_at: change === "unlabeled" ? at : null,
    })
    .onConflict((oc) =>
      oc
        .columns(["repository_id", "issue_number", "label"])
        .doUpdateSet({
          ...(change === "labeled" ? { labeled_at: latest("labeled_at") } : { unlabeled_at: latest("unlabeled_at") }),
          recorded_at: sql<Date>`now()`,
        }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findLabelChange(ex: Executor, key: IssueLabel): Promise<IssueLabelChange | undefined> {
  return ex
    .selectFrom("issue_label_changes")
    .selectAll()
    .where("repository_id", "=", String(key.repositoryId))
    .where("issue_number", "=", key.issueNumber)
    .where("label", "=", key.label)
    .executeTakeFirst();
}
