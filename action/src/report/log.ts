import { testName } from "../junit/test-name.js";
import type { LocatedFailure } from "./test-run.js";

/** Every failure in the job log: the one place with no size limit. */
export function logFailures(failures: readonly LocatedFailure[], log: (line: string) => void): void {
  for (const { testCase, location } of failures) {
    const where = location === undefined ? "" : ` (${location.path}:${location.line})`;
    log(`✗ ${testName(testCase)}${where}: ${testCase.failure?.message ?? ""}`);
  }
}
