import type { Location } from "../junit/locate.js";
import type { TestCase } from "../junit/test-case.js";
import { testName } from "../junit/test-name.js";
import { conclusionOf, titleOf } from "./conclusion.js";
import { cell, codeBlock, inline, seconds, truncate } from "./markdown.js";
import type { LocatedFailure, TestRun } from "./test-run.js";

/** GitHub rejects a check run summary longer than 65,535 characters. */
export const SUMMARY_LIMIT = 65_535;
const SLOWEST_COUNT = 10;
// One enormous stack trace must not crowd out every other failure.
const DETAILS_LIMIT = 3_000;
const SYSTEM_OUT_LIMIT = 1_000;

export interface SummaryOptions {
  name: string;
  /** Link for a failure's location, e.g. the file at the tested commit. */
  linkTo?: (location: Location) => string;
  limit?: number;
}

/** The check run summary and job summary: totals, problems, slowest tests, then as many failures as fit. */
export function renderSummary(run: TestRun, options: SummaryOptions): string {
  const limit = options.limit ?? SUMMARY_LIMIT;
  const head = [heading(run, options.name), totalsTable(run), problems(run), slowest(run.cases)]
    .filter((section) => section !== "")
    .join("\n\n");
  if (run.failures.length === 0) return head;
  const parts = [head, "### Failures"];
  let size = bytes(parts.join("\n\n"));
  // Keep room for the note that says how many failures were left out.
  const budget = limit - bytes(leftOutNote(run.failures.length, run.failures.length)) - 4;
  let shown = 0;
  for (const failure of run.failures) {
    const section = failureSection(failure, options);
    const added = bytes(section) + 2;
    if (size + added > budget) break;
    parts.push(section);
    size += added;
    shown++;
  }
  if (shown < run.failures.length) parts.push(leftOutNote(run.failures.length - shown, run.failures.length));
  return parts.join("\n\n");
}

function heading(run: TestRun, name: string): string {
  const icon = { success: "✅", failure: "❌", neutral: "⚪" }[conclusionOf(run)];
  return `## ${icon} ${inline(name)}: ${titleOf(run)}`;
}

function totalsTable(run: TestRun): string {
  const { passed, failed, errored, skipped, total, time } = run.totals;
  const failedCell = errored > 0 ? `${failed} (${errored} errors)` : `${failed}`;
  return [
    "| Passed | Failed | Skipped | Total | Time | Reports |",
    "| ---: | ---: | ---: | ---: | ---: | ---: |",
    `| ${passed} | ${failedCell} | ${skipped} | ${total} | ${seconds(time)} | ${run.reports} |`,
  ].join("\n");
}

function problems(run: TestRun): string {
  if (run.problems.length === 0) return "";
  const lines = run.problems.map((problem) =>
    problem.kind === "unmatched-glob"
      ? `- No file matched \`${cell(problem.subject)}\`: ${cell(problem.reason)}`
      : `- Skipped \`${cell(problem.subject)}\`: ${cell(problem.reason)}`,
  );
  return ["### Report problems", ...lines].join("\n");
}

function slowest(cases: readonly TestCase[]): string {
  const ranked = cases
    .filter((testCase) => testCase.status !== "skipped" && testCase.time > 0)
    .sort((a, b) => b.time - a.time)
    .slice(0, SLOWEST_COUNT);
  if (ranked.length === 0) return "";
  const rows = ranked.map((testCase) => `| ${cell(testName(testCase))} | ${seconds(testCase.time)} |`);
  return [`### Slowest tests`, "| Test | Time |", "| --- | ---: |", ...rows].join("\n");
}

function failureSection(failure: LocatedFailure, options: SummaryOptions): string {
  const { testCase, location } = failure;
  const label = testCase.status === "errored" ? "error" : "failure";
  const name = testName(testCase);
  // Runners often repeat the classname or file as the suite name; show only suites that add something.
  const suites = testCase.suites.filter((suite) => suite !== testCase.classname && !name.includes(suite));
  const context = suites.length > 0 ? ` (${inline(suites.join(" › "))})` : "";
  const lines = [`#### ${inline(name)}${context}`];
  const where = location === undefined ? "location unknown" : locationLink(location, options);
  lines.push(`${label} at ${where}`);
  const failureText = testCase.failure;
  if (failureText !== undefined) {
    const body = failureText.details.includes(failureText.message)
      ? failureText.details
      : `${failureText.message}\n\n${failureText.details}`;
    lines.push(codeBlock(truncate(body.trim(), DETAILS_LIMIT)));
  }
  if (testCase.systemOut !== undefined) {
    lines.push(
      `<details><summary>Output</summary>\n\n${codeBlock(truncate(testCase.systemOut, SYSTEM_OUT_LIMIT))}\n\n</details>`,
    );
  }
  return lines.join("\n");
}

function locationLink(location: Location, options: SummaryOptions): string {
  const text = `\`${location.path}:${location.line}\``;
  return options.linkTo === undefined ? text : `[${text}](${options.linkTo(location)})`;
}

function leftOutNote(leftOut: number, total: number): string {
  return `> **${leftOut} of ${total} failures were left out** of this summary to stay within GitHub's ${SUMMARY_LIMIT.toLocaleString("en-US")}-character limit; the job log lists every failure.`;
}

function bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
