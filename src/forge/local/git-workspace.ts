import type { FileChange } from "../../domain/forge.js";
import type { ClosableWorkspace } from "../../domain/workspace.js";
import { runTestCommand } from "../../testing/run-test-command.js";
import { addWorktree, recordProcessGroup, removeWorktree } from "../../testing/worktree.js";
import { applyChanges, changesSince, commitAll } from "./workspace-changes.js";

export interface WorkspaceOptions {
  testCommand?: string | undefined;
  commands?: Readonly<Record<string, string>> | undefined;
  /** Aborted: no worktree is made, or the one being made is removed. */
  signal?: AbortSignal | undefined;
}

/** A workspace with its clean-up: `close` removes the worktree. */
export type OpenWorkspace = ClosableWorkspace;

/**
 * A temporary git worktree of the repository at `baseSha`, with the earlier steps' changes
 * committed in it first so `changes()` holds only this step's. Commands run in their own process
 * group, noted beside the worktree, so a crashed run's leftovers are found and killed later.
 */
export async function openGitWorkspace(repoRoot: string, baseSha: string, previousChanges: readonly FileChange[], options: WorkspaceOptions = {}): Promise<OpenWorkspace> {
  const root = await addWorktree(repoRoot, baseSha, { signal: options.signal });
  let base: string;
  try {
    await applyChanges(root, previousChanges);
    base = await commitAll(root, "Changes of the earlier steps");
  } catch (error) {
    await removeWorktree(repoRoot, root);
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    root,
    testCommand: options.testCommand,
    commands: { ...(options.commands ?? {}) },
    signal: options.signal,
    async run(commandLine, { timeoutMs, signal = options.signal }) {
      const run = await runTestCommand({ command: commandLine, cwd: root, timeoutSeconds: timeoutMs / 1000, signal, onStart: (group) => recordProcessGroup(root, group) });
      return { exitCode: run.exitCode, output: run.output, timedOut: run.status === "timed_out" };
    },
    changes: () => changesSince(root, base),
    close: () => (closed ??= removeWorktree(repoRoot, root)),
  };
}
