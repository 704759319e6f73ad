import { createHash } from "node:crypto";
import type { TaskSnapshot } from "../archon/task-snapshot.js";
import type { Db } from "../db/database.js";
import { lastWritten, rememberWritten } from "../db/effect.repository.js";
import type { CheckConclusion } from "../github/check-run.js";
import { ensureCheckRun } from "../github/check-run.js";
import type { RepoTarget } from "../github/client.js";
import { renderStatusComment } from "../render/status-comment.js";

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

/** Writes Archon's check run for the task's head when what it would say changed since the last write. */
export async function syncArchonCheckRun(target: RepoTarget, task: TaskSnapshot, db: Db): Promise<void> {
  if (!task.headSha) return;
  const conclusion = conclusionOf(task);
  const stepsDone = task.steps.filter((s) => s.status === "succeeded").length;
  const summary = renderStatusComment(task).replace(/<!--[\s\S]*?-->/g, "").slice(0, 60_000);
  const key = `check-run:${task.id}`;
  const digest = createHash("sha256").update(`${task.headSha}\n${conclusion ?? ""}\n${summary}`).digest("hex");
  if ((await lastWritten(db, key))?.hash === digest) return;
  await ensureCheckRun({
    ...target,
    name: ARCHON_CHECK_NAME,
    headSha: task.headSha,
    externalId: `archon-task-${task.id}`,
    status: conclusion ? "completed" : "in_progress",
    ...(conclusion ? { conclusion } : {}),
    output: {
      title: `${stepsDone}/${task.steps.length} steps done · ${task.fixAttempts}/${task.maxFixAttempts} fix attempts used`,
      summary,
    },
  });
  await rememberWritten(db, key, { taskId: task.id, kind: "check_run", result: { hash: digest } });
}
