import { withWorktree } from "./worktree.js";
import { runTestCommand } from "./run-test-command.js";
import type { TestRun } from "./test-run.js";

export interface RunTestsAtOptions {
  repoRoot: string;
  /** Commit or branch to test. */
  ref: string;
  command: string;
  timeoutSeconds: number;
  maxOutputBytes?: number;
}

/** Runs the test command on a commit, in a throwaway worktree of the repository. */
export function runTestsAt(options: RunTestsAtOptions): Promise<TestRun> {
  return withWorktree(options.repoRoot, options.ref, (dir) =>
    runTestCommand({
      command: options.command,
      cwd: dir,
      timeoutSeconds: options.timeoutSeconds,
      ...(options.maxOutputBytes ? { maxOutputBytes: options.maxOutputBytes } : {}),
    }),
  );
}
