import type { TaskStatus } from "../../domain/task-status.js";
import type { TaskEvent } from "../../domain/task-event.js";
import type { StepSnapshot, TaskSnapshot } from "../../domain/task-snapshot.js";
import { type TransitionInput, type TransitionResult, accept, advance, ignore } from "../transition-kit.js";

type StepEvent = Extract<TaskEvent, { type: "step_started" | "step_succeeded" | "step_failed" | "step_unsupported" }>;

/** Where agents work. A result also counts while the task waits for a person, so a retry redoes only what failed. */
const WORKING: readonly TaskStatus[] = ["running", "fixing"];
const RECORDING: readonly TaskStatus[] = [...WORKING, "needs_attention", "failed"];

/** The step this result is for, unless it is stale (an older attempt, or a step not in flight). */
function currentStep(task: TaskSnapshot, event: StepEvent): StepSnapshot | string {
  const step = task.steps.find((s) => s.position === event.position);
  if (!step) return `no step ${event.position} in plan version ${task.planVersion}`;
  if (step.attempt !== event.attempt)
    return `stale result: step ${step.position} is on attempt ${step.attempt}, not ${event.attempt}`;
  if (step.status !== "running") return `step ${step.position} attempt ${step.attempt} is already ${step.status}`;
  return step;
}

function replaceStep(task: TaskSnapshot, step: StepSnapshot): TaskSnapshot {
  return { ...task, steps: task.steps.map((s) => (s.position === step.position ? step : s)) };
}

export function onStepStarted(input: TransitionInput<Extract<TaskEvent, { type: "step_started" }>>): TransitionResult {
  // Steps are marked running when dispatched; a start confirms it and changes nothing.
  const step = currentStep(input.task, input.event);
  return ignore(input, typeof step === "string" ? step : `step ${step.position} started`);
}

export function onStepSucceeded(
  input: TransitionInput<Extract<TaskEvent, { type: "step_succeeded" }>>,
): TransitionResult {
  const { task, event, config } = input;
  if (!RECORDING.includes(task.status)) return ignore(input, `step result while ${task.status}`);
  const step = currentStep(task, event);
  if (typeof step === "string") return ignore(input, step);
  const recorded = replaceStep(task, { ...step, status: "succeeded", summary: event.summary, error: null });
  if (!WORKING.includes(task.status))
    return accept(input, recorded, `step ${step.position} succeeded while ${task.status}`);
  const next = advance(recorded, config);
  return accept(input, next.task, `step ${step.position} succeeded`, { commands: next.commands });
}

export function onStepFailed(input: TransitionInput<Extract<TaskEvent, { type: "step_failed" }>>): TransitionResult {
  const { task, event } = input;
  if (!RECORDING.includes(task.status)) return ignore(input, `step result while ${task.status}`);
  const step = currentStep(task, event);
  if (typeof step === "string") return ignore(input, step);
  const recorded = replaceStep(task, { ...step, status: "failed", error: event.error });
  if (!WORKING.includes(task.status))
    return accept(input, recorded, `step ${step.position} failed while ${task.status}`);
  return accept(
    input,
    {
      ...recorded,
      status: "needs_attention",
      attention: "step_failed",
      lastError: `Step ${step.position} (${step.agent}) failed: ${event.error}`,
    },
    `step ${step.position} failed`,
  );
}

export function onStepUnsupported(
  input: TransitionInput<Extract<TaskEvent, { type: "step_unsupported" }>>,
): TransitionResult {
  const { task, event } = input;
  if (!RECORDING.includes(task.status)) return ignore(input, `step result while ${task.status}`);
  const step = currentStep(task, event);
  if (typeof step === "string") return ignore(input, step);
  // The provider cannot do this task: retrying the same way would fail the same way.
  return accept(
    input,
    {
      ...replaceStep(task, { ...step, status: "failed", error: event.reason }),
      status: "failed",
      attention: "step_unsupported",
      lastError: `Step ${step.position} (${step.agent}) cannot be done by this provider: ${event.reason}`,
    },
    `step ${step.position} unsupported`,
  );
}
