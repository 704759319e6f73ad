import { createHash } from "node:crypto";
import type { TaskSnapshot } from "../domain/task-snapshot.js";
import type { Db, Executor } from "../db/database.js";
import { lastWritten, rememberWritten } from "../db/effect.repository.js";
import { lockTask } from "../db/task.repository.js";
import type { CheckConclusion } from "./check-run.js";
import { ensureCheckRun } from "./check-run.js";
import type { RepoTarget } from "./client.js";
import { renderStatusComment } from "../render/status-comment.js";
import { claimFirstAttempt } from "../db/effect.repository.js";

/** Archon's own check run on its pull requests: what the bot did, in the Checks tab. */
export const ARCHON_CHECK_NAME = "Archon";

function conclusionOf(task: TaskSnapshot): CheckConclusion | undefined {
  switch (task.status) {
    case "ready_for_review":
    case "done":
      return "success";
    case "failed":
    case "needs_attention":
      return "action_required";
    case "cancelled":
      return "cancelled";
    default:
      return undefined;
  }
}

/** The run the last write for a head made or found, when it was remembered. */
function knownRun(last: Record<string, unknown>): { id: number; url: string } | undefined {
  return typeof last.runId === "number" ? { id: last.runId, url: typeof last.url === "string" ? last.url : "" } : undefined;
}

/**
 * Writes Archon's check run for the task's head when what it would say changed since the last
 * write. The last write is remembered with its head and its run: later writes for the head update
 * that run directly; the first write for a head creates it under the task's row lock.
 */
export async function syncArchonCheckRun(target: RepoTarget, task: TaskSnapshot, db: Db): Promise<void> {
  const headSha = task.headSha;
  if (!headSha) return;
  const conclusion = conclusionOf(task);
  const stepsDone = task.steps.filter((s) => s.status === "succeeded").length;
  const summary = renderStatusComment(task).replace(/<!--[\s\S]*?-->/g, "").slice(0, 60_000);
  const key = `check-run:${task.id}`;
  const digest = createHash("sha256").update(`${headSha}\n${conclusion ?? ""}\n${summary}`).digest("hex");
  const write = async (ex: Executor, knownAbsent: boolean, known?: { id: number; url: string }) => {
    const run = await ensureCheckRun({
      ...target,
      knownAbsent,
      known,
      name: ARCHON_CHECK_NAME,
      headSha,
      externalId: `archon-task-${task.id}`,
      status: conclusion ? "completed" : "in_progress",
      ...(conclusion ? { conclusion } : {}),
      output: {
        title: `${stepsDone}/${task.steps.length} steps done · ${task.fixAttempts}/${task.maxFixAttempts} fix attempts used`,
        summary,
      },
    });
    await rememberWritten(ex, key, { taskId: task.id, kind: "check_run", result: { hash: digest, headSha, runId: run.id, url: run.url } });
  };
  const last = await lastWritten(db, key);
  if (last?.hash === digest) return;
  if (last?.headSha === headSha) return write(db, false, knownRun(last));
  // A check run belongs to one head: the first attempt ever at one for this head (recorded,
  // committed, before it is sent) has nothing to look for.
  const first = await claimFirstAttempt(db, `${key}:${headSha}:create`, task.id, "check_run_create");
  // Two jobs may both find no run for the head yet: under the task's row lock, the second waits
  // for the first's write and then finds its run instead of creating another.
  await db.transaction().execute(async (trx) => {
    await lockTask(trx, task.id);
    const now = await lastWritten(trx, key);
    if (now?.hash === digest) return;
    if (now?.headSha === headSha) return write(trx, false, knownRun(now));
    await write(trx, first);
  });
}
