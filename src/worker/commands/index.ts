import type { Command } from "../../domain/task-command.js";
import { getTask } from "../../db/task.repository.js";
import type { WorkerDeps } from "../deps.js";
import type { CommandContext, CommandHandlers } from "./context.js";
import { onReact, onRecordDecision, onReply } from "./conversation.js";
import { onMarkPrReady, onOpenOrUpdatePr, onRequestReviewers } from "./pull-request.js";
import { onRunStep } from "./run-step.js";
import { onSetLabels, onUpsertStatusComment } from "./status.js";

const HANDLERS: CommandHandlers = {
  upsert_status_comment: onUpsertStatusComment,
  reply: onReply,
  react: onReact,
  set_labels: onSetLabels,
  run_step: onRunStep,
  open_or_update_pr: onOpenOrUpdatePr,
  mark_pr_ready: onMarkPrReady,
  request_reviewers: onRequestReviewers,
  record_decision: onRecordDecision,
};

/**
 * Carries out one command of the state machine through the task's forge (GitHub, or this
 * machine). Each is safe to run twice: forge writes look up before they create, and results flow
 * back as events the state machine dedupes by attempt.
 */
export async function executeCommand(deps: WorkerDeps, taskId: string, command: Command): Promise<void> {
  const task = await getTask(deps.db, taskId);
  if (!task) return;
  const forge = await deps.forgeFor(task);
  if (!forge) {
    deps.logger.info({ task: taskId, command: command.type }, "command for a task whose repository is gone; nothing to do");
    return;
  }
  const ctx: CommandContext = { deps, task, forge };
  const handler = HANDLERS[command.type] as (ctx: CommandContext, command: Command) => Promise<void>;
  await handler(ctx, command);
}
