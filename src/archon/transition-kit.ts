import type { TaskStatus } from "../domain/task-status.js";
import type { RepoConfig } from "./repo-config.schema.js";
import { type Command, type Reaction, type TaskLabel, idempotencyKey } from "../domain/task-command.js";
import type { CommentRef, TaskEvent } from "../domain/task-event.js";
import type { StepSnapshot, TaskSnapshot } from "../domain/task-snapshot.js";

/** The parts of `.github/archon.yml` that steer transitions. */
export type TransitionConfig = Pick<RepoConfig, "requireApproval" | "maxFixAttempts" | "draft" | "reviewers">;

export interface TransitionResult {
  task: TaskSnapshot;
  commands: Command[];
}

export interface TransitionInput<E extends TaskEvent = TaskEvent> {
  task: TaskSnapshot;
  event: E;
  config: TransitionConfig;
}

/** A command before its idempotency key: the kit derives keys in one place. */
export type CommandDraft = Command extends infer C ? (C extends Command ? Omit<C, "idempotencyKey"> : never) : never;

const LABEL_FOR: Record<TaskStatus, TaskLabel | undefined> = {
  received: undefined,
  planned: "archon:planned",
  awaiting_approval: "archon:planned",
  running: "archon:running",
  pr_open: "archon:running",
  ci_running: "archon:running",
  fixing: "archon:running",
  ready_for_review: "archon:review",
  needs_attention: "archon:failed",
  failed: "archon:failed",
  done: undefined,
  cancelled: undefined,
};

/** The Archon label an issue carries in a state: one, or none once the task is over. */
export function statusLabels(status: TaskStatus): TaskLabel[] {
  const label = LABEL_FOR[status];
  return label ? [label] : [];
}

export const FINAL: readonly TaskStatus[] = ["done", "failed", "cancelled"];

export function isFinal(status: TaskStatus): boolean {
  return FINAL.includes(status);
}

/**
 * `occasion` tells apart commands of events that leave the revision unchanged (ignored or only
 * answered): without it, a second untick of the status comment at the same revision would share
 * the first one's key and be dropped as a duplicate.
 */
function keyed(task: TaskSnapshot, draft: CommandDraft, occasion?: string): Command {
  const key = (purpose: string, attempt: number | string) => idempotencyKey(task.id, purpose, attempt);
  const revision = occasion === undefined ? `${task.revision}` : `${task.revision}-${occasion}`;
  switch (draft.type) {
    case "upsert_status_comment":
      return { ...draft, idempotencyKey: key("status-comment", revision) };
    case "reply":
      return { ...draft, idempotencyKey: key(`reply-${draft.inReplyTo}`, 1) };
    case "react":
      return { ...draft, idempotencyKey: key(`react-${draft.commentId}`, 1) };
    case "set_labels":
      return { ...draft, idempotencyKey: key("labels", task.revision) };
    case "run_step":
      return { ...draft, idempotencyKey: key(`step-${draft.position}`, draft.attempt) };
    case "open_or_update_pr":
      return { ...draft, idempotencyKey: key("pull-request", draft.round) };
    case "mark_pr_ready":
      return { ...draft, idempotencyKey: key("pr-ready", task.headSha ?? "none") };
    case "request_reviewers":
      return { ...draft, idempotencyKey: key("reviewers", task.headSha ?? "none") };
    case "record_decision":
      return { ...draft, idempotencyKey: key(`decision-${draft.event}`, revision) };
  }
}

function occasionOf(event: TaskEvent): string | undefined {
  const from = fromOf(event);
  if (from) return `c${from.commentId}`;
  return "eventId" in event && event.eventId !== undefined ? `e${event.eventId}` : undefined;
}

function fromOf(event: TaskEvent): CommentRef | undefined {
  return "from" in event ? event.from : undefined;
}

/** Whether the event is a person's command (typed, or ticked in the status comment). */
function isPersonCommand(event: TaskEvent): boolean {
  return "from" in event || PERSON_EVENTS.has(event.type);
}

const PERSON_EVENTS = new Set<TaskEvent["type"]>([
  "plan_approved",
  "run_requested",
  "replan_requested",
  "fix_requested",
  "retry_requested",
  "cancel_requested",
  "status_requested",
  "help_requested",
  "unknown_command",
]);

export interface AcceptOptions {
  /** Extra commands, after the status comment and labels. */
  commands?: CommandDraft[];
  /** A reply to the person's comment, when the change itself is not answer enough. */
  reply?: string;
  reaction?: Reaction;
}

/** The event changed the task: bump the revision, refresh status comment and labels, acknowledge. */
export function accept(
  input: TransitionInput,
  next: TaskSnapshot,
  reason: string,
  options: AcceptOptions = {},
): TransitionResult {
  const task = { ...next, revision: input.task.revision + 1 };
  const drafts: CommandDraft[] = [{ type: "upsert_status_comment" }];
  const before = LABEL_FOR[input.task.status];
  const after = LABEL_FOR[task.status];
  if (before !== after || input.task.revision === 0) drafts.push({ type: "set_labels", labels: after ? [after] : [] });
  drafts.push(...(options.commands ?? []));
  drafts.push(...acknowledge(input.event, options.reaction ?? "+1", options.reply));
  drafts.push({ type: "record_decision", event: input.event.type, accepted: true, reason });
  return { task, commands: drafts.map((d) => keyed(task, d)) };
}

/**
 * The event does not apply in this state: nothing changes. A person who typed a command gets a
 * reply saying why; a ticked checkbox is unticked by re-rendering the status comment.
 */
export function ignore(input: TransitionInput, reason: string): TransitionResult {
  const drafts: CommandDraft[] = [];
  if (isPersonCommand(input.event)) {
    const from = fromOf(input.event);
    if (from) drafts.push(...acknowledge(input.event, "confused", reason));
    else drafts.push({ type: "upsert_status_comment" });
  }
  drafts.push({ type: "record_decision", event: input.event.type, accepted: false, reason });
  return { task: input.task, commands: drafts.map((d) => keyed(input.task, d, occasionOf(input.event))) };
}

/** A command that only answers (help, status): no change to the task. */
export function answer(input: TransitionInput, body: string, refresh: boolean): TransitionResult {
  const drafts: CommandDraft[] = refresh ? [{ type: "upsert_status_comment" }] : [];
  drafts.push(...acknowledge(input.event, "eyes", body));
  drafts.push({ type: "record_decision", event: input.event.type, accepted: true, reason: "answered" });
  return { task: input.task, commands: drafts.map((d) => keyed(input.task, d, occasionOf(input.event))) };
}

function acknowledge(event: TaskEvent, reaction: Reaction, reply: string | undefined): CommandDraft[] {
  const from = fromOf(event);
  if (!from) return [];
  const drafts: CommandDraft[] = [{ type: "react", commentId: from.commentId, reaction }];
  if (reply !== undefined)
    drafts.push({
      type: "reply",
      number: from.number,
      to: from.author,
      inReplyTo: from.commentId,
      body: `@${from.author} ${reply}`,
    });
  return drafts;
}

/**
 * Starts every pending step whose dependencies are done, and asks for the pull request once all
 * steps have succeeded. Returns the task with dispatched steps marked running.
 */
export function advance(
  task: TaskSnapshot,
  config: TransitionConfig,
): { task: TaskSnapshot; commands: CommandDraft[] } {
  const done = new Set(
    task.steps.filter((s) => s.status === "succeeded" || s.status === "skipped").map((s) => s.position),
  );
  const commands: CommandDraft[] = [];
  const steps = task.steps.map((step): StepSnapshot => {
    if (step.status !== "pending" || !step.dependsOn.every((d) => done.has(d))) return step;
    const started = { ...step, status: "running" as const, attempt: step.attempt + 1, error: null };
    commands.push({
      type: "run_step",
      position: step.position,
      agent: step.agent,
      attempt: started.attempt,
      fix: task.fix,
    });
    return started;
  });
  const finished = steps.length > 0 && steps.every((s) => s.status === "succeeded" || s.status === "skipped");
  if (finished) commands.push({ type: "open_or_update_pr", draft: config.draft, round: round(steps) });
  return { task: { ...task, steps }, commands };
}

/** How many times the work has been done: the highest step attempt. */
export function round(steps: readonly StepSnapshot[]): number {
  return Math.max(0, ...steps.map((s) => s.attempt));
}

/** Puts steps back to pending, with every step that depends on them (directly or not). */
export function resetSteps(steps: readonly StepSnapshot[], positions: readonly number[]): StepSnapshot[] {
  const reset = new Set(positions);
  let grew = true;
  while (grew) {
    grew = false;
    for (const step of steps) {
      if (!reset.has(step.position) && step.dependsOn.some((d) => reset.has(d))) {
        reset.add(step.position);
        grew = true;
      }
    }
  }
  return steps.map((s) => (reset.has(s.position) ? { ...s, status: "pending", summary: null, error: null } : s));
}
