import type { FileChange } from "./forge.js";

/** What one command run in a workspace ended with. */
export interface CommandRun {
  /** Null when the command was stopped (timeout, interrupt) or could not start. */
  exitCode: number | null;
  /** The end of its combined stdout and stderr. */
  output: string;
  timedOut: boolean;
}

export interface RunOptions {
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/**
 * A checkout where an agent may read, write and run things: the step's base with the earlier
 * steps' changes applied. Only its own changes since then come back from `changes()`.
 */
export interface Workspace {
  /** Absolute path of the checkout. */
  readonly root: string;
  /** The repository's test command, when it has one. */
  readonly testCommand: string | undefined;
  /** Commands the repository allows by name (lint, typecheck), from .github/archon.yml. */
  readonly commands: Readonly<Record<string, string>>;
  /** Runs a command line in the root, in its own process group; never rejects on a non-zero exit. */
  run(commandLine: string, options: RunOptions): Promise<CommandRun>;
  /** What differs from the base now. */
  changes(): Promise<FileChange[]>;
  /** Aborted when the person stops the run: commands stop, and so does the agent working here. */
  readonly signal?: AbortSignal | undefined;
}

/** A workspace its opener must close (a temporary checkout to remove). */
export interface ClosableWorkspace extends Workspace {
  /** Removes the checkout; safe to call twice. */
  close(): Promise<void>;
}
