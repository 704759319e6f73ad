import { spawn } from "node:child_process";
import { realpathSync } from "node:fs";
import path from "node:path";
import type { TestFailure } from "../domain/agent.js";
import { missingProgramInOutput } from "./missing-program-in-output.js";
import { OutputTail } from "./output-tail.js";
import { parseTestOutput } from "./parse-test-output.js";
import type { TestRun } from "./test-run.js";

export interface RunTestCommandOptions {
  command: string;
  cwd: string;
  timeoutSeconds: number;
  /** Bytes of output kept (the tail); default 1 MiB. */
  maxOutputBytes?: number;
  env?: Record<string, string | undefined>;
  /**
   * Aborted when the person stops the run: the command's process group gets SIGTERM, then SIGKILL
   * after the grace, and the run resolves with status `interrupted`. Already aborted: nothing starts.
   */
  signal?: AbortSignal | undefined;
  /** Called with the process group id once the command started, so a crashed run can be cleaned up. */
  onStart?: ((processGroup: number) => void) | undefined;
}

// Tests run code Archon just wrote: they get the person's environment minus the credentials
// Archon itself holds, so generated code never sees a model key or the App's secrets.
const WITHHELD = ["OPENAI_API_KEY", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "WEBHOOK_SECRET", "ARCHON_JWT_SECRET", "DATABASE_URL", "REDIS_URL"];

/** After SIGTERM a test runner gets this long to clean up before SIGKILL. */
const KILL_GRACE_MS = 2_000;

function testEnvironment(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of WITHHELD) delete env[name];
  // CI=true keeps jest and vitest out of watch mode; colour codes only get in the parser's way.
  return { ...env, CI: "true", NO_COLOR: "1", FORCE_COLOR: "0", ...extra };
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * Runners print absolute paths (node:test's TAP does); inside a throwaway worktree those differ on
 * every run, so they are made relative to the repository to compare runs and point at files.
 */
function relativeFailures(failures: TestFailure[], cwd: string): TestFailure[] {
  let real = cwd;
  try {
    real = realpathSync(cwd);
  } catch {
    // A missing folder has no real path; the given one will do.
  }
  return failures.map((f) => {
    if (!f.file || !path.isAbsolute(f.file)) return f;
    const base = [cwd, real].find((dir) => f.file!.startsWith(`${dir}${path.sep}`));
    return base ? { ...f, file: path.relative(base, f.file) } : f;
  });
}

function describeCounts(run: Pick<TestRun, "passed" | "failed" | "skipped">): string {
  const parts = [`${run.passed} passed`, `${run.failed} failed`];
  if (run.skipped > 0) parts.push(`${run.skipped} skipped`);
  return parts.join(", ");
}

interface Ending {
  options: RunTestCommandOptions;
  exitCode: number | null;
  output: string;
  truncated: boolean;
  startError?: Error | undefined;
  timedOut: boolean;
}

/** What a finished (or stopped) command amounts to. */
function describeEnding(end: Ending): TestRun {
  const { options, exitCode, output, startError } = end;
  const parsed = parseTestOutput(output);
  const counts = { passed: parsed?.passed ?? 0, failed: parsed?.failed ?? 0, skipped: parsed?.skipped ?? 0 };
  const base = { command: options.command, exitCode, output, truncated: end.truncated, ...counts, failures: relativeFailures(parsed?.failures ?? [], options.cwd) };
  if (options.signal?.aborted) return { ...base, status: "interrupted", summary: "interrupted" };
  // Tests that ran before a later program was missing are a result of their own.
  const ran = counts.passed + counts.failed > 0;
  const missing = end.timedOut || ran ? undefined : missingProgramInOutput(exitCode, output);
  if (missing) return { ...base, status: "not_started", summary: `\`${missing}\` not found (exit code ${exitCode ?? "none"})`, missingProgram: missing };
  if (end.timedOut) return { ...base, status: "timed_out", summary: `timed out after ${options.timeoutSeconds} s` };
  if (exitCode === 0) return { ...base, status: "passed", summary: parsed ? describeCounts(counts) : "passed (exit code 0)" };
  const how = parsed ? describeCounts(counts) : `exit code ${exitCode ?? "none"}`;
  return { ...base, status: "failed", summary: startError ? `could not start: ${startError.message}` : how };
}

/**
 * Runs a repository's test command through `sh -c` (it comes from the repository owner's config
 * or package.json, so it may use pipes and &&) in its own process group, so a timeout or an abort
 * stops the runner and every worker it started. Never rejects: a command that cannot start is a
 * failed run.
 */
export function runTestCommand(options: RunTestCommandOptions): Promise<TestRun> {
  if (options.signal?.aborted) return Promise.resolve(describeEnding({ options, exitCode: null, output: "", truncated: false, timedOut: false }));
  const tail = new OutputTail(options.maxOutputBytes ?? 1024 * 1024);
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", options.command], {
      cwd: options.cwd,
      env: testEnvironment(options.env),
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (child.pid) options.onStart?.(child.pid);
    let timedOut = false;
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    function stop(): void {
      if (killTimer || !child.pid) return;
      const pid = child.pid;
      killGroup(pid, "SIGTERM");
      killTimer = setTimeout(() => killGroup(pid, "SIGKILL"), KILL_GRACE_MS);
    }
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutSeconds * 1000);
    options.signal?.addEventListener("abort", stop, { once: true });
    child.stdout.on("data", (c: Buffer) => tail.push(c));
    child.stderr.on("data", (c: Buffer) => tail.push(c));

    function finish(exitCode: number | null, startError?: Error): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      options.signal?.removeEventListener("abort", stop);
      // Anything the command left running in its group goes with it.
      if (child.pid) killGroup(child.pid, "SIGKILL");
      const output = startError ? `${tail.text()}${startError.message}\n` : tail.text();
      resolve(describeEnding({ options, exitCode, output, truncated: tail.truncated, startError, timedOut }));
    }
    child.on("error", (error) => finish(null, error));
    // "close" waits for stdout/stderr to end; a grandchild that keeps them open past the exit
    // must not hold the run forever, so "exit" starts a short wait of its own.
    child.on("close", (code) => finish(code));
    child.on("exit", (code) => setTimeout(() => finish(code), 1_000).unref());
  });
}
