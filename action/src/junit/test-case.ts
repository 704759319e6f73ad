export type TestStatus = "passed" | "failed" | "errored" | "skipped";

export interface TestFailure {
  /** `<failure>` is an assertion that did not hold, `<error>` an unexpected exception. */
  kind: "failure" | "error";
  type?: string;
  message: string;
  details: string;
}

export interface TestCase {
  /** The JUnit file this case came from, relative to the workspace. */
  report: string;
  /** Enclosing suite names, outermost first. */
  suites: string[];
  classname: string;
  name: string;
  /** Seconds. */
  time: number;
  status: TestStatus;
  file?: string;
  line?: number;
  failure?: TestFailure;
  systemOut?: string;
}

export interface ParsedReport {
  report: string;
  cases: TestCase[];
}
