import type { Logger } from "pino";
import type { Db } from "../../db/database.js";
import { insertJob } from "../../db/job.repository.js";
import { publishAfterCommit } from "../../queue/outbox.js";
import type { Queue } from "../../queue/queue.js";
import type { TaskForge } from "../task-forge.js";
import { commitRound } from "./commit-round.js";
import { openGitWorkspace } from "./git-workspace.js";
import type { LocalForge } from "./local-forge.js";
import type { LocalTerminal } from "./terminal.js";

/** Job kind that runs a local task's tests on its base and its head, and reports as CI would. */
export const LOCAL_CI_JOB = "local.ci";

export interface LocalCiJobPayload {
  taskId: string;
  headSha: string;
}

export interface LocalTaskForgeDeps {
  db: Db;
  queue: Queue;
  logger: Logger;
  terminal?: LocalTerminal | undefined;
}

/**
 * The TaskForge of a task on a git repository of this machine: the terminal stands in for the
 * status comment, a branch for the pull request, and a test run here for CI, whose result comes
 * back as the same "CI completed" event GitHub's check runs give.
 */
export function createLocalTaskForge(deps: LocalTaskForgeDeps, repo: LocalForge): TaskForge {
  const { terminal } = deps;
  return {
    kind: "local",
    repo,
    async showStatus(task) {
      terminal?.showTask(task);
    },
    async reply(_number, _key, body) {
      terminal?.say(body);
    },
    // Reactions and labels have no place in a terminal.
    react: async () => undefined,
    syncLabels: async () => undefined,
    openOrUpdatePullRequest: (task) => commitRound(deps.db, repo, task),
    async afterPush(task, headSha) {
      const payload: LocalCiJobPayload = { taskId: String(task.id), headSha };
      const { job, created } = await insertJob(deps.db, { kind: LOCAL_CI_JOB, payload, idempotencyKey: `local-ci:${task.id}:${headSha}`, taskId: task.id });
      if (created) await publishAfterCommit(deps.queue, [job], { db: deps.db, logger: deps.logger });
    },
    // A branch is never a draft and has no reviewers to ask.
    markReady: async () => undefined,
    requestReviewers: async () => undefined,
    // The person at the terminal owns the repository.
    canSteer: async () => true,
    openWorkspace: (baseSha, previousChanges, setup) => openGitWorkspace(repo.root, baseSha, previousChanges, setup),
  };
}
