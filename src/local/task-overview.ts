import type { Executor } from "../db/database.js";
import { type TaskDetail, type TaskRow, getTaskDetail, listTasksInScope } from "../db/task.queries.js";

/** The tasks of one installation (0: the local one), newest first. */
export function listTasks(ex: Executor, installationId: number, limit: number): Promise<TaskRow[]> {
  return listTasksInScope(ex, { installationId }, { limit });
}

export function showTask(ex: Executor, installationId: number, id: string): Promise<TaskDetail | undefined> {
  return getTaskDetail(ex, { installationId }, id);
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

function when(d: Date | string): string {
  return new Date(d).toISOString().replace("T", " ").slice(0, 16);
}

export function renderTaskList(tasks: TaskRow[]): string {
  if (tasks.length === 0) return 'No tasks yet. Start one with: archon run --repo PATH "what to build"\n';
  const rows = tasks.map((t) => [String(t.id), t.status, t.repository, t.branch ?? "", when(t.updated_at), t.title]);
  const header = ["ID", "STATUS", "REPOSITORY", "BRANCH", "UPDATED", "TITLE"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return `${[header, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i]!))).join("  ")).join("\n")}\n`;
}

export function renderTaskDetail(detail: TaskDetail): string {
  const { task, plan, steps, agentRuns, ciResults } = detail;
  const lines = [
    `Task ${task.id}: ${task.title}`,
    `  status     ${task.status}${task.error ? ` (${task.error.split("\n")[0]})` : ""}`,
    `  repository ${task.repository}`,
    `  source     ${task.source}, requested by ${task.requested_by}`,
  ];
  if (task.branch) lines.push(`  branch     ${task.branch}${task.head_sha ? ` at ${task.head_sha.slice(0, 7)}` : ""}`);
  if (task.fix_attempts > 0) lines.push(`  fixes      ${task.fix_attempts}`);
  if (plan) {
    lines.push("", `Plan v${plan.version}`, `  ${plan.summary}`);
    for (const s of steps) lines.push(`  ${s.position}. [${s.status}] ${s.agent}: ${s.title}`);
  }
  if (agentRuns.length > 0) {
    lines.push("", "Agent runs");
    for (const r of agentRuns) {
      const model = r.model ? `/${r.model}` : "";
      lines.push(`  #${r.id} attempt ${r.attempt} ${r.agent} (${r.provider}${model}): ${r.outcome}${r.summary ? ` — ${r.summary.split("\n")[0]}` : ""}`);
    }
  }
  if (ciResults.length > 0) {
    lines.push("", "Test runs");
    for (const c of ciResults) {
      lines.push(`  ${c.external_id} ${c.head_sha.slice(0, 7)}: ${c.conclusion}, ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
    }
  }
  return `${lines.join("\n")}\n`;
}
