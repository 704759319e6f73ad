import { findRepository } from "../../db/installation.repository.js";
import type { WorkerDeps } from "../deps.js";
import { repoContext } from "../repo-context.js";
import { type Of, onPullRequestOf, taskForPullRequest } from "./shared.js";

/** A person with write access asked for changes on Archon's pull request: a fix round with their words. */
export async function onReview(deps: WorkerDeps, deliveryId: string, event: Of<"review">): Promise<void> {
  const repoRow = await findRepository(deps.db, event.installationId, event.repo.fullName);
  if (!repoRow) return;
  const task = await taskForPullRequest(deps, repoRow.id, event.number, event.headRef);
  if (!task || event.body.trim() === "") return;
  const ctx = await repoContext(deps, event.installationId, event.repo);
  if (!(await deps.permissions.canSteer(ctx.octokit, ctx.owner, ctx.repo, event.reviewer.login))) return;
  await onPullRequestOf(deps, task, event.number, deliveryId, { type: "fix_requested", text: event.body });
}
