import type { CostEstimate } from "../domain/cost-estimate.js";
import type { PlanDraft } from "../domain/plan.js";
import { estimateLine } from "../render/estimate-line.js";
import type { LocalProgress, LocalTaskReport, TestRunSummary } from "./local-report.js";

export interface RenderStyle {
  /** Glyphs and colour on a terminal, plain words otherwise. */
  tty: boolean;
}

const MAX_FAILURES_SHOWN = 10;

function mark(ok: boolean, style: RenderStyle): string {
  if (!style.tty) return ok ? "[ok]" : "[!!]";
  return ok ? "\u001b[32m✔\u001b[0m" : "\u001b[31m✖\u001b[0m";
}

/** The plan as `archon run` shows it before asking, with the provider, budget and estimate under it. */
export function renderPlan(plan: PlanDraft, estimate?: CostEstimate): string {
  const lines = ["Plan", `  ${plan.summary}`, ""];
  for (const step of plan.steps) {
    const after = step.dependsOn.length > 0 ? ` (after step ${step.dependsOn.join(", ")})` : "";
    lines.push(`  ${step.position}. ${step.agent}: ${step.title}${after}`);
    if (step.files.length > 0) lines.push(`     files: ${step.files.join(", ")}`);
  }
  if (estimate) lines.push("", `  ${estimateLine(estimate)}`);
  return `${lines.join("\n")}\n`;
}

function renderRun(label: string, run: TestRunSummary, style: RenderStyle): string[] {
  const lines = [`  ${mark(run.status === "passed", style)} tests on ${label}: ${run.summary}`];
  for (const f of run.failures.slice(0, MAX_FAILURES_SHOWN)) {
    const where = f.file ? ` (${f.file}${f.line ? `:${f.line}` : ""})` : "";
    lines.push(`      - ${f.name}${where}: ${f.message.split("\n")[0]}`);
  }
  if (run.failures.length > MAX_FAILURES_SHOWN) lines.push(`      … and ${run.failures.length - MAX_FAILURES_SHOWN} more`);
  return lines;
}

/** One line per event, for a terminal or a log. */
export function renderProgress(event: LocalProgress, style: RenderStyle): string {
  switch (event.kind) {
    case "phase":
      return `${style.tty ? "›" : "-"} ${event.text}`;
    case "step_started":
      return `  … ${event.agent}: ${event.title}${event.attempt > 0 ? ` (fix ${event.attempt})` : ""}`;
    case "step_finished": {
      const text = event.outcome === "succeeded" ? event.summary : `${event.outcome}: ${event.summary}`;
      return `  ${mark(event.outcome === "succeeded", style)} ${event.agent}: ${text}`;
    }
    case "tests_started":
      return `  … running \`${event.command}\` on ${event.label}`;
    case "tests_finished":
      return renderRun(event.label, event.run, style).join("\n");
  }
}

/** The closing summary: outcome, branch, files, tests, documents, how to look at the diff. */
export function renderSummary(report: LocalTaskReport, style: RenderStyle): string {
  const ok = report.outcome === "passed";
  const lines = [`${mark(ok, style)} Task ${report.taskId}: ${report.status}`, `  ${report.message}`, ""];
  if (report.commits.length > 0) {
    lines.push(`  Branch   ${report.branch} (${report.commits.length} commit${report.commits.length === 1 ? "" : "s"}, last ${report.commits.at(-1)!.slice(0, 7)})`);
    lines.push(`  Base     ${report.base.branch} at ${report.base.sha.slice(0, 7)}`);
    lines.push("  Files");
    for (const f of report.files) lines.push(`    ${f.status} ${f.path}`);
  }
  const { base, runs, preexisting, missingTool } = report.tests;
  if (base || runs.length > 0 || missingTool) {
    lines.push("  Tests");
    if (base) lines.push(...renderRun("the base commit", base, style).map((l) => `  ${l}`));
    const last = runs.at(-1);
    if (last) lines.push(...renderRun(report.branch, last, style).map((l) => `  ${l}`));
    if (preexisting.length > 0) lines.push(`    ${preexisting.length} failure(s) were already there on the base commit and are not the change's doing.`);
    // Found before any run: no run line says it.
    if (missingTool && !base) lines.push(`    ${mark(false, style)} not run: \`${missingTool}\` is not installed on this machine (\`${report.tests.command ?? "the test command"}\` needs it)`);
  }
  if (report.documents.length > 0) {
    lines.push(`  Docs     ${report.documents.map((d) => `${d.title}${d.path ? ` (${d.path})` : ""}`).join(", ")} stored in the knowledge base`);
  }
  if (report.commits.length > 0) lines.push("", `  See the change: ${report.diffCommand}`);
  return `${lines.join("\n")}\n`;
}
