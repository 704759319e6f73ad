import type { Reaction } from "../domain/task-command.js";
import { statusLabels } from "../archon/transition-kit.js";
import type { Db } from "../db/database.js";
import { lastWritten, rememberWritten } from "../db/effect.repository.js";
import { lockTask } from "../db/task.repository.js";
import { snapshotOf } from "../db/task-state.js";
import type { TaskForge } from "../forge/task-forge.js";
import { syncArchonCheckRun } from "./archon-check-run.js";
import { type RepoTarget, httpStatus } from "./client.js";
import { createGitHubForge } from "./github-forge.js";
import type { BlobCache } from "./github-view.js";
import { addReaction, reply, setTaskLabels } from "./issues.js";
import { openOrUpdatePullRequest } from "./open-pull-request.js";
import type { PermissionChecker } from "./permissions.js";
import { markReadyForReview, requestReviewers } from "./pull-request.js";
import { hasNewerStatusJob, upsertStatusComment } from "./task-status-comment.js";

export interface GitHubTaskForgeDeps {
  db: Db;
  blobs: BlobCache;
  permissions: PermissionChecker;
  /** Least milliseconds between two edits of a status comment. */
  statusCoalesceMs: number;
  /** Commit author of Archon's commits. */
  bot: { name: string; email: string };
  /** Said when a write finds its issue deleted. */
  onGone(what: string): void;
}

/**
 * A write on an issue that was deleted meanwhile is moot: GitHub answers 410 Gone, and retrying
 * would only bury the job as dead.
 */
async function onIssue(deps: GitHubTaskForgeDeps, what: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (httpStatus(error) !== 410) throw error;
    deps.onGone(what);
  }
}

/** The TaskForge of a task on GitHub: its issue, its pull request and the repository's check runs. */
export function createGitHubTaskForge(deps: GitHubTaskForgeDeps, target: RepoTarget, issueNumber: number | null): TaskForge {
  const repo = createGitHubForge(target, deps.blobs);
  const { octokit, owner } = target;

  async function syncLabels(taskId: string): Promise<void> {
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
  }

  return {
    kind: "github",
    repo,
    async showStatus(task, commandKey) {
      if (issueNumber === null) return;
      // A newer status job writes the comment (and the check run) as the task is then.
      if (await hasNewerStatusJob(deps.db, String(task.id), commandKey)) return;
      await onIssue(deps, "status comment", async () => {
        await upsertStatusComment(deps, task, target, issueNumber, snapshotOf(task), { coalesceMs: deps.statusCoalesceMs });
        await syncArchonCheckRun(target, snapshotOf(task), deps.db);
      });
    },
    reply: (number, key, body) => onIssue(deps, "reply", () => reply({ ...target, issueNumber: number, key, body })),
    react: (commentId: string | number, reaction: Reaction) => onIssue(deps, "reaction", () => addReaction({ ...target, commentId, content: reaction })),
    syncLabels: (taskId) => onIssue(deps, "labels", () => syncLabels(taskId)),
    openOrUpdatePullRequest: (task, options) => openOrUpdatePullRequest(deps.db, task, target, repo, { ...options, bot: deps.bot }),
    // GitHub's CI starts by itself on a pushed head; its check runs come back as events.
    afterPush: async () => undefined,
    async markReady(prNumber) {
      const { data } = await octokit.rest.pulls.get({ owner, repo: target.repo, pull_number: prNumber });
      if (data.draft) await markReadyForReview(octokit, data.node_id);
    },
    async requestReviewers(prNumber, users, teams) {
      await requestReviewers({ ...target, pullNumber: prNumber, users, teams });
    },
    canSteer: (login) => deps.permissions.canSteer(octokit, owner, target.repo, login),
  };
}
