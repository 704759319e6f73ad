import type { TestRun } from "./test-run.js";

export type Conclusion = "success" | "failure" | "neutral";

export function conclusionOf(run: TestRun): Conclusion {
  // A glob that matched nothing usually means a runner crashed before writing its report.
  if (run.totals.failed > 0 || run.problems.some((problem) => problem.kind === "unmatched-glob")) return "failure";
  if (run.totals.total === 0) return "neutral";
  return "success";
}

export function titleOf(run: TestRun): string {
  const { failed, passed, skipped, total } = run.totals;
  const unmatched = run.problems.filter((problem) => problem.kind === "unmatched-glob").length;
  if (total === 0) return unmatched > 0 ? "No JUnit reports found" : "No tests found";
  const parts = [`${failed} failed`, `${passed} passed`];
  if (skipped > 0) parts.push(`${skipped} skipped`);
  return `${parts.join(", ")} of ${total} tests`;
}
