import { runTestCommand } from "./run-test-command.js";
import type { TestRun } from "./test-run.js";
import { recordProcessGroup, withWorktree } from "./worktree.js";

export interface RunTestsAtOptions {
  repoRoot: string;
  /** Commit or branch to test. */
  ref: string;
  command: string;
  timeoutSeconds: number;
  maxOutputBytes?: number;
  /** Aborted when the person stops the run: the tests are stopped, the worktree removed, the run `interrupted`. */
  signal?: AbortSignal | undefined;
}

function interrupted(command: string): TestRun {
  return { command, status: "interrupted", exitCode: null, summary: "interrupted", passed: 0, failed: 0, skipped: 0, failures: [], output: "", truncated: false };
}

/** Runs the test command on a commit, in a throwaway worktree of the repository. */
export async function runTestsAt(options: RunTestsAtOptions): Promise<TestRun> {
  const { signal } = options;
  if (signal?.aborted) return interrupted(options.command);
  try {
    return await withWorktree(
      options.repoRoot,
      options.ref,
      (dir) =>
        runTestCommand({
          command: options.command,
          cwd: dir,
          timeoutSeconds: options.timeoutSeconds,
          ...(options.maxOutputBytes ? { maxOutputBytes: options.maxOutputBytes } : {}),
          signal,
          onStart: (processGroup) => recordProcessGroup(dir, processGroup),
        }),
      { signal },
    );
  } catch (error) {
    // Stopped while the worktree was being made: it is gone again, and no test ran.
    if (signal?.aborted) return interrupted(options.command);
    throw error;
  }
}
