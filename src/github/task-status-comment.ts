import { hasNewerOpenJob } from "../db/job.repository.js";
import { taskAgeMs } from "../db/task.repository.js";
import { createHash } from "node:crypto";
import { idempotencyKey } from "../domain/task-command.js";
import type { TaskSnapshot } from "../domain/task-snapshot.js";
import type { Db } from "../db/database.js";
import type { Task } from "../db/task.table.js";
import { lastWrittenAged, rememberWritten } from "../db/effect.repository.js";
import { lockTask, updateTask } from "../db/task.repository.js";
import { httpStatus, type RepoTarget } from "./client.js";
import { ensureComment } from "./status-comment.js";
import { withMarker } from "./markers.js";
import { JobDeferred } from "../queue/job-handler.js";
import { renderMarker } from "../render/marker.js";
import { renderStatusComment } from "../render/status-comment.js";

import { claimFirstAttempt } from "../db/effect.repository.js";

/**
 * Whether a later status comment job of the task waits or runs (a dead one writes nothing). It
 * renders the task as it will be then, so an earlier job that still has to run can leave the
 * comment to it: writing a state only to overwrite it a moment later costs two writes for one.
 */
export async function hasNewerStatusJob(db: Db, taskId: string, key: string): Promise<boolean> {
  return hasNewerOpenJob(db, taskId, key, idempotencyKey(taskId, "status-comment", ""));
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function statusKey(task: Task): string {
  return `status-comment:${task.id}`;
}

// What GitHub holds after a person edited the comment: not a text Archon wrote.
const EDITED_BY_PERSON = "edited by a person";

/**
 * How long a write must wait so that it comes at least `coalesceMs` after what happened `ageMs`
 * ago (Archon's last write of the comment, or the task's creation): 0 when it need not. Ages are taken on the database clock, and the
 * wait never exceeds `coalesceMs`, so a worker whose clock is off waits too little or a little
 * too long, never for good.
 */
function coalesceWait(ageMs: number, coalesceMs: number): number {
  if (coalesceMs <= 0) return 0;
  return Math.min(coalesceMs, Math.max(0, Math.ceil(coalesceMs - ageMs)));
}

/**
 * A person edited the status comment (ticked a box): GitHub now holds their text, not the text
 * last written, so the next render must be sent even when it is what Archon wrote before. Without
 * this, a tick that changes nothing (a stranger's, or one that no longer applies) stays ticked.
 */
export async function forgetStatusCommentText(deps: { db: Db }, task: Task, commentId: number): Promise<void> {
  if (String(task.status_comment_id) !== String(commentId)) return;
  await rememberWritten(deps.db, statusKey(task), { taskId: task.id, kind: "status_comment", result: { id: commentId, hash: EDITED_BY_PERSON } });
}

/**
 * The task's status comment, written only when its text changed: the hash of the last text
 * written is kept, so an unchanged comment costs no request and a changed one costs one edit by
 * id. Without a stored id, or when the comment was deleted, `ensureComment` finds it by marker or
 * creates it.
 *
 * With `coalesceMs`, an edit sooner than that after Archon's last write throws JobDeferred: the
 * job runs again when the time is up and writes the task as it is then, and status jobs that
 * came meanwhile leave the comment to the newest (see hasNewerStatusJob), so changes close
 * together make one edit. The comment is likewise created once the task is `coalesceMs` old, so a
 * task that reaches its pull request sooner gets one comment that shows it and no edit. Writing
 * over a person's edit never waits.
 */
export async function upsertStatusComment(
  deps: { db: Db },
  task: Task,
  target: RepoTarget,
  issueNumber: number,
  snapshot: TaskSnapshot,
  options: { coalesceMs?: number } = {},
): Promise<void> {
  const marker = renderMarker("status", { task: String(task.id) });
  const body = withMarker(renderStatusComment(snapshot), marker);
  const key = statusKey(task);
  const digest = hash(body);
  const written = await lastWrittenAged(deps.db, key);
  const last = written?.result;
  const knownId = task.status_comment_id;
  if (knownId !== null && last?.hash === digest && String(last.id) === String(knownId)) return;
  let id: number | undefined;
  if (knownId !== null && last !== undefined && String(last.id) === String(knownId)) {
    const wait = last.hash === EDITED_BY_PERSON ? 0 : coalesceWait(written!.ageMs, options.coalesceMs ?? 0);
    if (wait > 0) throw new JobDeferred(wait);
    try {
      const { data } = await target.octokit.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: Number(knownId), body });
      id = data.id;
    } catch (error) {
      if (httpStatus(error) !== 404) throw error;
    }
  }
  if (id === undefined && knownId === null) {
    const coalesceMs = options.coalesceMs ?? 0;
    const wait = coalesceMs > 0 ? coalesceWait(await taskAgeMs(deps.db, task.id), coalesceMs) : 0;
    if (wait > 0) throw new JobDeferred(wait);
    // The first attempt ever to create the comment is recorded (committed) before it is sent:
    // only then is there nothing to look for. A later attempt, after a job died mid-create,
    // looks for the comment by its marker first.
    const first = await claimFirstAttempt(deps.db, `${key}:create`, task.id, "status_comment_create");
    // Two jobs may both find no comment yet (one's create may even have failed with a 502 that
    // GitHub did carry out): creating under the task's row lock makes the second find the first's.
    id = await deps.db.transaction().execute(async (trx) => {
      const locked = await lockTask(trx, task.id);
      const stored = locked?.status_comment_id ?? null;
      const knownAbsent = first && stored === null;
      const result = await ensureComment({ ...target, issueNumber, marker, body, knownId: stored, knownAbsent });
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
