import type { Reaction } from "../domain/task-command.js";
import type { TaskEvent } from "../domain/task-event.js";
import type { Task } from "../db/task.table.js";
import type { FileChange, ReadableForge } from "../domain/forge.js";
import type { ClosableWorkspace } from "../domain/workspace.js";

/** What a step's workspace runs: the repository's test command and its allowed commands. */
export interface WorkspaceSetup {
  testCommand?: string | undefined;
  commands?: Readonly<Record<string, string>> | undefined;
  signal?: AbortSignal | undefined;
}

/** What the forge learned of a round's commit: the event for the state machine. */
export type PullRequestEvent = Extract<TaskEvent, { type: "pr_opened" | "pr_failed" | "step_failed" }>;

/**
 * Everything the orchestrator's commands do outside Archon, for one task: on GitHub (comments,
 * labels, reactions, a pull request, check runs) or on this machine (a terminal, a git branch, a
 * local test run). The state machine and its command handlers do not know which.
 */
export interface TaskForge {
  readonly kind: "github" | "local";
  /** The repository itself: views, pins, commits. */
  readonly repo: ReadableForge;
  /** Shows the task's state where people look: the status comment and Archon's check run, or the terminal. */
  showStatus(task: Task, commandKey: string): Promise<void>;
  /** A reply to a person's command on the issue or pull request `number`. */
  reply(number: number, key: string, body: string): Promise<void>;
  react(commentId: string | number, reaction: Reaction): Promise<void>;
  /** The task's status labels, as its state is now (read under the task's lock). */
  syncLabels(taskId: string): Promise<void>;
  /** Commits the round's changes and opens the pull request (a branch, locally), or updates it. */
  openOrUpdatePullRequest(task: Task, options: { draft: boolean; round: number }): Promise<PullRequestEvent>;
  /** Once a head is recorded: GitHub's CI starts by itself; locally the tests are queued to run. */
  afterPush(task: Task, headSha: string): Promise<void>;
  markReady(prNumber: number): Promise<void>;
  requestReviewers(prNumber: number, users: string[], teams: string[]): Promise<void>;
  /** Whether a person may start or steer tasks (write access on GitHub; the person at the terminal locally). */
  canSteer(login: string): Promise<boolean>;
  /**
   * A checkout at `baseSha` with the earlier steps' changes in it, where an agent may run the
   * tests before anything is committed; the caller closes it. Only where code may run (locally).
   */
  openWorkspace?(baseSha: string, previousChanges: readonly FileChange[], setup: WorkspaceSetup): Promise<ClosableWorkspace>;
}
