import type { Task } from "../../db/task.table.js";
import { recordPullRequestEvent } from "../../db/pull-request-event.repository.js";
import { findTaskByBranch, findTaskByPullRequest } from "../../db/task.repository.js";
import { upsertInstallation, upsertRepository } from "../../db/installation.repository.js";
import type { TaskEvent } from "../../domain/task-event.js";
import type { DomainEvent } from "../../webhooks/domain-event.js";
import { applyPullRequestEvents } from "../apply-event.js";
import type { WorkerDeps } from "../deps.js";

/** The domain event of one type. */
export type Of<T extends DomainEvent["type"]> = Extract<DomainEvent, { type: T }>;

/** The reply to a person without the access to steer Archon. */
export const NOT_ALLOWED = (login: string) =>
  `@${login} only people with write, maintain or admin access to this repository can start or steer Archon tasks, so nothing was done.`;

/** The installation and repository rows an event's task belongs to, created when missing. */
export async function ensureRepositoryRow(deps: WorkerDeps, installationId: number, repo: Of<"issue">["repo"], owner: string) {
  await upsertInstallation(deps.db, { id: installationId, accountLogin: owner });
  return upsertRepository(deps.db, {
    installationId,
    githubId: repo.id,
    fullName: repo.fullName,
    defaultBranch: repo.defaultBranch,
    private: repo.private,
  });
}

/**
 * An event about pull request `prNumber` of the task: recorded, then applied once the task has
 * recorded that pull request. The pull request can be merged, closed, reviewed or commented on
 * before the job that opened it has recorded it; the event then waits, and the job applies it
 * (see applyPullRequestEvents). Keyed by the delivery, so a job that runs twice applies it once.
 */
export async function onPullRequestOf(deps: WorkerDeps, task: Task, prNumber: number, deliveryId: string, event: TaskEvent): Promise<void> {
  await recordPullRequestEvent(deps.db, { taskId: task.id, prNumber, key: deliveryId, event });
  await applyPullRequestEvents(deps, String(task.id));
}

/** The task of an Archon pull request: by its number, or by its branch while the task has not recorded it. */
export async function taskForPullRequest(deps: WorkerDeps, repositoryId: string, number: number, headRef: string): Promise<Task | undefined> {
  return (await findTaskByPullRequest(deps.db, repositoryId, number)) ?? (await findTaskByBranch(deps.db, repositoryId, headRef));
}
