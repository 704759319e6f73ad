import type { TestRun, TestRunSummary } from "./test-run.js";

const TAIL_CHARS = 4_000;

export function summariseRun(sha: string, run: TestRun): TestRunSummary {
  return {
    sha,
    status: run.status,
    summary: run.summary,
    passed: run.passed,
    failed: run.failed,
    skipped: run.skipped,
    failures: run.failures,
    outputTail: run.output.length > TAIL_CHARS ? run.output.slice(-TAIL_CHARS) : run.output,
    ...(run.missingProgram ? { missingProgram: run.missingProgram } : {}),
  };
}

/** A failed run whose output named no test still gives a fix attempt something to go on. */
export function failuresOf(run: TestRunSummary) {
  if (run.failures.length > 0) return run.failures;
  return [{ name: `test command (${run.summary})`, message: run.outputTail.slice(-1_500) }];
}
