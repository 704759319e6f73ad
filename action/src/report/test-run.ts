import { locateFailure, type Location } from "../junit/locate.js";
import type { Repository } from "../junit/repository.js";
import type { ParsedReport, TestCase } from "../junit/test-case.js";

export interface Totals {
  passed: number;
  /** Failures and errors together: both mean the test did not pass. */
  failed: number;
  errored: number;
  skipped: number;
  total: number;
  /** Seconds, summed over test cases. */
  time: number;
}

export interface LocatedFailure {
  testCase: TestCase;
  location?: Location;
}

/** Something about the reports a person should know: a file that did not parse, a glob that matched nothing. */
export interface ReportProblem {
  kind: "unreadable-report" | "unmatched-glob";
  subject: string;
  reason: string;
}

export interface TestRun {
  reports: number;
  cases: TestCase[];
  totals: Totals;
  failures: LocatedFailure[];
  problems: ReportProblem[];
}

export function buildTestRun(reports: ParsedReport[], problems: ReportProblem[], repository: Repository): TestRun {
  const cases = reports.flatMap((report) => report.cases);
  const failures = cases
    .filter((testCase) => testCase.failure !== undefined)
    .map((testCase): LocatedFailure => {
      const location = locateFailure(testCase, repository);
      return location === undefined ? { testCase } : { testCase, location };
    });
  return { reports: reports.length, cases, totals: countTotals(cases), failures, problems };
}

export function countTotals(cases: readonly TestCase[]): Totals {
  const totals: Totals = { passed: 0, failed: 0, errored: 0, skipped: 0, total: cases.length, time: 0 };
  for (const testCase of cases) {
    totals.time += testCase.time;
    if (testCase.status === "passed") totals.passed++;
    else if (testCase.status === "skipped") totals.skipped++;
    else {
      totals.failed++;
      if (testCase.status === "errored") totals.errored++;
    }
  }
  return totals;
}
