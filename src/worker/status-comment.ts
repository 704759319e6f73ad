import { createHash } from "node:crypto";
import type { TaskSnapshot } from "../archon/task-snapshot.js";
import type { Task } from "../db/task.table.js";
import { lastWritten, rememberWritten } from "../db/effect.repository.js";
import { lockTask, updateTask } from "../db/task.repository.js";
import { httpStatus, type RepoTarget } from "../github/client.js";
import { ensureComment } from "../github/status-comment.js";
import { withMarker } from "../github/markers.js";
import { renderMarker } from "../render/marker.js";
import { renderStatusComment } from "../render/status-comment.js";
import type { WorkerDeps } from "./deps.js";

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function statusKey(task: Task): string {
  return `status-comment:${task.id}`;
}

/**
 * A person edited the status comment (ticked a box): GitHub now holds their text, not the text
 * last written, so the next render must be sent even when it is what Archon wrote before. Without
 * this, a tick that changes nothing (a stranger's, or one that no longer applies) stays ticked.
 */
export async function forgetStatusCommentText(deps: Pick<WorkerDeps, "db">, task: Task, commentId: number): Promise<void> {
  if (String(task.status_comment_id) !== String(commentId)) return;
  await rememberWritten(deps.db, statusKey(task), { taskId: task.id, kind: "status_comment", result: { id: commentId, hash: "edited by a person" } });
}

/**
 * The task's status comment, written only when its text changed: the hash of the last text
 * written is kept, so an unchanged comment costs no request and a changed one costs one edit by
 * id. Without a stored id, or when the comment was deleted, `ensureComment` finds it by marker or
 * creates it.
 */
export async function upsertStatusComment(
  deps: Pick<WorkerDeps, "db">,
  task: Task,
  target: RepoTarget,
  issueNumber: number,
  snapshot: TaskSnapshot,
): Promise<void> {
  const marker = renderMarker("status", { task: String(task.id) });
  const body = withMarker(renderStatusComment(snapshot), marker);
  const key = statusKey(task);
  const digest = hash(body);
  const last = await lastWritten(deps.db, key);
  const knownId = task.status_comment_id;
  if (knownId !== null && last?.hash === digest && String(last.id) === String(knownId)) return;
  let id: number | undefined;
  if (knownId !== null && last !== undefined && String(last.id) === String(knownId)) {
    try {
      const { data } = await target.octokit.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: Number(knownId), body });
      id = data.id;
    } catch (error) {
      if (httpStatus(error) !== 404) throw error;
    }
  }
  if (id === undefined && knownId === null) {
    // Two jobs may both find no comment yet (one's create may even have failed with a 502 that
    // GitHub did carry out): creating under the task's row lock makes the second find the first's.
    id = await deps.db.transaction().execute(async (trx) => {
      const locked = await lockTask(trx, task.id);
      const stored = locked?.status_comment_id ?? null;
      const result = await ensureComment({ ...target, issueNumber, marker, body, knownId: stored });
      if (String(result.id) !== String(stored)) await updateTask(trx, task.id, { status_comment_id: result.id });
      return result.id;
    });
  } else if (id === undefined) {
    const result = await ensureComment({ ...target, issueNumber, marker, body, knownId });
    id = result.id;
  }
  if (String(id) !== String(knownId)) await updateTask(deps.db, task.id, { status_comment_id: id });
  await rememberWritten(deps.db, key, { taskId: task.id, kind: "status_comment", result: { id, hash: digest } });
}
