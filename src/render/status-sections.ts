import { STATUS_WORDS, nextCommands, tickTargets } from "../archon/next-steps.js";
import type { StepSnapshot, TaskSnapshot } from "../domain/task-snapshot.js";
import type { StepStatus } from "../domain/step.js";
import type { TaskStatus } from "../domain/task-status.js";
import { renderConfigProblems } from "./config-problems.js";
import { estimateLine } from "./estimate-line.js";
import { renderMarker } from "./marker.js";
import { inline, quote } from "./text.js";

const ICON: Record<TaskStatus, string> = {
  received: "⏳",
  planned: "📝",
  awaiting_approval: "✋",
  running: "⚙️",
  pr_open: "🔄",
  ci_running: "🔄",
  fixing: "🔧",
  ready_for_review: "👀",
  needs_attention: "⚠️",
  done: "✅",
  failed: "❌",
  cancelled: "🚫",
};

const STEP_WORDS: Record<StepStatus, string> = {
  pending: "waiting",
  running: "running",
  succeeded: "done",
  failed: "failed",
  skipped: "skipped",
};

export function titleSection(task: TaskSnapshot): string {
  const attempts = task.fixAttempts > 0 ? ` · fix attempt ${task.fixAttempts} of ${task.maxFixAttempts}` : "";
  const version = task.planVersion > 1 ? ` · plan v${task.planVersion}` : "";
  return `### Archon: ${inline(task.title, 120)}\n\n**${ICON[task.status]} ${STATUS_WORDS[task.status]}**${version}${attempts}`;
}

function stepLine(step: StepSnapshot): string {
  const box = step.status === "succeeded" || step.status === "skipped" ? "[x]" : "[ ]";
  const attempt = step.attempt > 1 ? `, attempt ${step.attempt}` : "";
  const line = `- ${box} **${step.position}. ${inline(step.title, 120)}** · ${step.agent} · ${STEP_WORDS[step.status]}${attempt}`;
  const note = step.status === "failed" ? step.error : step.summary;
  return note ? `${line}\n  ${inline(note, 200)}` : line;
}

/** The plan as a checklist; the boxes show progress (ticking them does nothing). */
export function planSection(task: TaskSnapshot): string | undefined {
  if (task.steps.length === 0) return undefined;
  const summary = task.planSummary === "" ? [] : [inline(task.planSummary, 1_000), ""];
  return ["**Plan**", "", ...summary, ...task.steps.map(stepLine)].join("\n");
}

/** While the plan awaits approval: who will do the work, the budget, and what it may cost. */
export function estimateSection(task: TaskSnapshot): string | undefined {
  if (task.status !== "awaiting_approval" || !task.estimate) return undefined;
  return inline(estimateLine(task.estimate), 500);
}

export function linksSection(task: TaskSnapshot): string | undefined {
  const links: string[] = [];
  if (task.prNumber !== null)
    links.push(task.prUrl ? `[Pull request #${task.prNumber}](${task.prUrl})` : `Pull request #${task.prNumber}`);
  if (task.ciUrl) links.push(`[CI check run](${task.ciUrl})`);
  return links.length === 0 ? undefined : links.join(" · ");
}

export function errorSection(task: TaskSnapshot): string | undefined {
  if (task.configProblems.length > 0 && task.attention === "config_invalid")
    return renderConfigProblems(task.configProblems);
  if (!task.lastError) return undefined;
  const failures = task.lastFailures.slice(0, 10).map((f) => {
    const where = f.file ? ` (${inline(f.file, 120)}${f.line ? `:${f.line}` : ""})` : "";
    return `- \`${inline(f.name, 120).replace(/`/g, "'")}\`${where}: ${inline(f.message, 200)}`;
  });
  const more =
    task.lastFailures.length > failures.length ? [`- … ${task.lastFailures.length - failures.length} more`] : [];
  return [
    "**What went wrong**",
    "",
    quote(task.lastError),
    ...(failures.length > 0 ? ["", ...failures, ...more] : []),
  ].join("\n");
}

/** What to do next: boxes to tick (same as typing the command) and the commands that apply now. */
export function nextSection(task: TaskSnapshot): string | undefined {
  const targets = tickTargets(task);
  const commands = nextCommands(task);
  if (targets.length === 0 && commands.length === 0) return undefined;
  const boxes = targets.map((t) => {
    const fields = { action: t.action, task: task.id, ...(t.step !== undefined ? { step: t.step } : {}) };
    return `- [ ] ${inline(t.label, 120)} ${renderMarker("tick", fields)}`;
  });
  const typed = commands.map((c) => `- \`${c.command}\`: ${c.what}`);
  return [
    "**Next**",
    ...(boxes.length > 0 ? ["", ...boxes] : []),
    ...(typed.length > 0 ? ["", boxes.length > 0 ? "Or comment:" : "Comment:", ...typed] : []),
  ].join("\n");
}
