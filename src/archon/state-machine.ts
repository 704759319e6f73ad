import type { TaskEvent } from "../domain/task-event.js";
import type { TaskSnapshot } from "../domain/task-snapshot.js";
import type { TransitionConfig, TransitionInput, TransitionResult } from "./transition-kit.js";
import { onIssueEdited, onPlanApproved, onReplanRequested, onRunRequested, onTaskCreated, onTaskDeclined } from "./transitions/plan-events.js";
import { onBudgetSpent, onCancelRequested, onConfigInvalid, onFixRequested, onHelpRequested, onIssueClosed, onLabelRemoved, onRetryRequested, onStatusRequested, onUnknownCommand } from "./transitions/person-events.js";
import { onCiCompleted, onCiStarted, onCiUnavailable, onPrClosed, onPrFailed, onPrMerged, onPrOpened } from "./transitions/pr-events.js";
import { onStepFailed, onStepStarted, onStepSucceeded, onStepUnsupported } from "./transitions/step-events.js";

export type { TransitionConfig, TransitionResult } from "./transition-kit.js";

type Handlers = {
  [T in TaskEvent["type"]]: (input: TransitionInput<Extract<TaskEvent, { type: T }>>) => TransitionResult;
};

const HANDLERS: Handlers = {
  task_created: onTaskCreated,
  plan_approved: onPlanApproved,
  run_requested: onRunRequested,
  replan_requested: onReplanRequested,
  issue_edited: onIssueEdited,
  step_started: onStepStarted,
  step_succeeded: onStepSucceeded,
  step_failed: onStepFailed,
  step_unsupported: onStepUnsupported,
  pr_opened: onPrOpened,
  pr_failed: onPrFailed,
  ci_started: onCiStarted,
  ci_completed: onCiCompleted,
  ci_unavailable: onCiUnavailable,
  task_declined: onTaskDeclined,
  fix_requested: onFixRequested,
  retry_requested: onRetryRequested,
  cancel_requested: onCancelRequested,
  status_requested: onStatusRequested,
  help_requested: onHelpRequested,
  unknown_command: onUnknownCommand,
  issue_closed: onIssueClosed,
  label_removed: onLabelRemoved,
  pr_merged: onPrMerged,
  pr_closed: onPrClosed,
  config_invalid: onConfigInvalid,
  budget_spent: onBudgetSpent,
};

/**
 * The orchestrator's whole decision: a task and an event in, the next task and the commands the
 * shell must carry out. Pure: no I/O, no clock, no randomness, so a replayed job decides the same
 * thing and its commands carry the same idempotency keys. An event that does not apply in the
 * task's state changes nothing and says why (to the person, when a person sent it); it never throws.
 */
export function transition(task: TaskSnapshot, event: TaskEvent, config: TransitionConfig): TransitionResult {
  const handler = HANDLERS[event.type] as (input: TransitionInput) => TransitionResult;
  return handler({ task, event, config });
}
