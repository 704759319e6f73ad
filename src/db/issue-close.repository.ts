import { sql } from "kysely";
import type { Executor } from "./database.js";

export interface IssueRef {
  repositoryId: string | number;
  issueNumber: number;
}

/** Records that the issue was closed at `at`, keeping the latest time, so a late event never moves it back. */
export async function recordIssueClose(ex: Executor, issue: IssueRef, at: string): Promise<void> {
  await ex
    .insertInto("issue_closes")
    .values({ repository_id: issue.repositoryId, issue_number: issue.issueNumber, closed_at: at })
    .onConflict((oc) =>
      oc
        .columns(["repository_id", "issue_number"])
        .doUpdateSet({ closed_at: sql<Date>`greatest(issue_closes.closed_at, excluded.closed_at)`, recorded_at: sql<Date>`now()` }),
    )
    .execute();
}

/** When the issue was last closed, if Archon saw it closed. */
export async function findIssueClose(ex: Executor, issue: IssueRef): Promise<Date | undefined> {
  const row = await ex
    .selectFrom("issue_closes")
    .select("closed_at")
    .where("repository_id", "=", String(issue.repositoryId))
    .where("issue_number", "=", issue.issueNumber)
    .executeTakeFirst();
  return row?.closed_at;
}
