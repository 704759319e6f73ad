import type { Db } from "../db/database.js";
import { getRepository } from "../db/installation.repository.js";
import type { Task } from "../db/task.table.js";
import { addDocument } from "../kb/add-document.js";

/** A merged pull request becomes a decision record in the knowledge base: what, why, where. */
export async function recordDecision(
  db: Db,
  task: Task,
  merge: { prNumber: number; prUrl: string | undefined; mergeCommitSha: string | undefined; mergedBy: string },
): Promise<void> {
  const repo = await getRepository(db, task.repository_id);
  const body = [
    `## What`,
    task.title,
    ``,
    `## Why`,
    task.body.trim() === "" ? "(no description given)" : task.body.trim().slice(0, 4_000),
    ``,
    `## Where`,
    `- Pull request: ${merge.prUrl ?? `#${merge.prNumber}`}`,
    ...(task.issue_number ? [`- Issue: #${task.issue_number}`] : []),
    ...(merge.mergeCommitSha ? [`- Merge commit: ${merge.mergeCommitSha}`] : []),
    `- Requested by @${task.requested_by}, merged by @${merge.mergedBy}`,
  ].join("\n");
  await addDocument(db, { installationId: Number(task.installation_id) }, {
    kind: "decision",
    title: `Decision: ${task.title} (#${merge.prNumber})`,
    body,
    ...(repo ? { repository: repo.full_name } : {}),
    sourceTaskId: String(task.id),
  });
}
