import type { Command } from "../archon/task-command.js";
import { getRepository } from "../db/installation.repository.js";
import { getTask, lockTask } from "../db/task.repository.js";
import { statusLabels } from "../archon/transition-kit.js";
import { type RepoTarget, httpStatus } from "../github/client.js";
import { createGitHubForge } from "../github/github-forge.js";
import { addReaction, reply, setTaskLabels } from "../github/issues.js";
import { markReadyForReview, requestReviewers } from "../github/pull-request.js";
import { applyEvent } from "./apply-event.js";
import { syncArchonCheckRun } from "./archon-check-run.js";
import type { WorkerDeps } from "./deps.js";
import { openOrUpdatePullRequest } from "./open-pull-request.js";
import { runStep } from "./run-step.js";
import { snapshotOf } from "./task-state.js";
import { hasNewerStatusJob, upsertStatusComment } from "./status-comment.js";
import { lastWritten, rememberWritten } from "../db/effect.repository.js";

// Commands that write on the issue (or a comment on it).
const ON_ISSUE = new Set<Command["type"]>(["upsert_status_comment", "reply", "react", "set_labels"]);

/**
 * Carries out one command of the state machine. A write on an issue that was deleted meanwhile is
 * moot: GitHub answers 410 Gone, and retrying would only bury the job as dead.
 */
export async function executeCommand(deps: WorkerDeps, taskId: string, command: Command): Promise<void> {
  try {
    await execute(deps, taskId, command);
  } catch (error) {
    if (!ON_ISSUE.has(command.type) || httpStatus(error) !== 410) throw error;
    deps.logger.info({ task: taskId, command: command.type }, "the issue was deleted; nothing to write");
  }
}

/**
 * Carries out one command of the state machine. Each is safe to run twice: GitHub writes look up
 * before they create, and results flow back as events the state machine dedupes by attempt.
 */
async function execute(deps: WorkerDeps, taskId: string, command: Command): Promise<void> {
  const task = await getTask(deps.db, taskId);
  if (!task) return;
  const repo = await getRepository(deps.db, task.repository_id);
  if (!repo || repo.forge !== "github") {
    deps.logger.info({ task: taskId, command: command.type }, "command for a task without a GitHub repository; nothing to do");
    return;
  }
  const [owner, name] = repo.full_name.split("/") as [string, string];
  const octokit = await deps.github(Number(task.installation_id));
  const target: RepoTarget = { octokit, owner, repo: name };
  const snapshot = snapshotOf(task);
  const issueNumber = task.issue_number;

  switch (command.type) {
    case "upsert_status_comment": {
      if (issueNumber === null) return;
      // A newer status job writes the comment (and the check run) as the task is then.
      if (await hasNewerStatusJob(deps.db, taskId, command.idempotencyKey)) return;
      await upsertStatusComment(deps, task, target, issueNumber, snapshot, { coalesceMs: deps.statusCoalesceMs });
      await syncArchonCheckRun(target, snapshot, deps.db);
      return;
    }
    case "reply":
      await reply({ ...target, issueNumber: command.number, key: command.idempotencyKey, body: command.body });
      return;
    case "react":
      await addReaction({ ...target, commentId: command.commentId, content: command.reaction });
      return;
    case "set_labels": {
      if (issueNumber === null) return;
      // Label jobs of one task may run at once and in any order: under the task's row lock, each
      // writes the labels of the task's state now (not of the transition that asked), and only
      // when they differ from the last write.
      await deps.db.transaction().execute(async (trx) => {
        const current = await lockTask(trx, taskId);
        if (!current) return;
        const key = `labels:${taskId}`;
        const labels = statusLabels(snapshotOf(current).status).sort();
        const last = await lastWritten(trx, key);
        if (JSON.stringify(last?.labels) === JSON.stringify(labels)) return;
        await setTaskLabels({ ...target, issueNumber, labels });
        await rememberWritten(trx, key, { taskId, kind: "labels", result: { labels } });
      });
      return;
    }
    case "run_step": {
      const forge = createGitHubForge(target, deps.blobs);
      const event = await runStep(deps, task, forge, command);
      await applyEvent(deps, taskId, event);
      return;
    }
    case "open_or_update_pr": {
      const forge = createGitHubForge(target, deps.blobs);
      const event = await openOrUpdatePullRequest(deps.db, task, target, forge, { draft: command.draft, round: command.round, bot: deps.bot });
      await applyEvent(deps, taskId, event);
      return;
    }
    case "mark_pr_ready": {
      const { data } = await octokit.rest.pulls.get({ owner, repo: name, pull_number: command.prNumber });
      if (data.draft) await markReadyForReview(octokit, data.node_id);
      return;
    }
    case "request_reviewers":
      await requestReviewers({ ...target, pullNumber: command.prNumber, users: command.users, teams: command.teams });
      return;
    case "record_decision":
      deps.logger.info({ task: taskId, event: command.event, accepted: command.accepted, reason: command.reason }, "decision");
      return;
  }
}
