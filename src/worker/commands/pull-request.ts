import { applyEvent } from "../apply-event.js";
import type { CommandContext, CommandOf } from "./context.js";

/**
 * Commits the round and opens or updates the pull request (a branch, locally), then tells the
 * state machine. Once the task holds the new head, the forge hears of the push: locally that
 * queues the test run; on GitHub CI starts by itself. A job run again finds the same commit and
 * asks for the same (idempotent) test run.
 */
export async function onOpenOrUpdatePr(ctx: CommandContext, command: CommandOf<"open_or_update_pr">): Promise<void> {
  const { deps, task, forge } = ctx;
  const event = await forge.openOrUpdatePullRequest(task, { draft: command.draft, round: command.round });
  const applied = await applyEvent(deps, String(task.id), event);
  const waitsForCi = applied.task.status === "pr_open" || applied.task.status === "ci_running";
  if (event.type === "pr_opened" && applied.task.headSha === event.headSha && waitsForCi) await forge.afterPush(task, event.headSha);
}

export function onMarkPrReady(ctx: CommandContext, command: CommandOf<"mark_pr_ready">): Promise<void> {
  return ctx.forge.markReady(command.prNumber);
}

export function onRequestReviewers(ctx: CommandContext, command: CommandOf<"request_reviewers">): Promise<void> {
  return ctx.forge.requestReviewers(command.prNumber, command.users, command.teams);
}
