import type { AgentReport, TestFailure } from "../../domain/agent.js";
import type { TaskSpec } from "../../domain/task-spec.js";

/** Local commits are Archon's own, whatever the person's git identity is. */
export const ARCHON_AUTHOR = { name: "Archon", email: "archon@localhost" };

const SUBJECT_MAX = 72;

function subject(text: string): string {
  const line = text.split("\n")[0]!.trim();
  return line.length > SUBJECT_MAX ? `${line.slice(0, SUBJECT_MAX - 1)}…` : line;
}

/** The task's one commit: the title, the plan's summary and what each agent did. */
export function taskCommitMessage(taskId: string, spec: TaskSpec, summary: string, reports: { agent: string; report: AgentReport }[]): string {
  const lines = [subject(spec.title), "", summary.trim()];
  if (reports.length > 0) {
    lines.push("");
    for (const { agent, report } of reports) lines.push(`- ${agent}: ${report.summary}`);
  }
  lines.push("", `Archon-Task: ${taskId}`);
  return `${lines.join("\n")}\n`;
}

/** A fix attempt's commit names the failures it answers. */
export function fixCommitMessage(taskId: string, attempt: number, failures: TestFailure[]): string {
  const names = failures.slice(0, 10).map((f) => `- ${f.name}`);
  const more = failures.length > 10 ? [`- and ${failures.length - 10} more`] : [];
  return `${subject(`Fix failing tests (attempt ${attempt})`)}\n\n${[...names, ...more].join("\n")}\n\nArchon-Task: ${taskId}\n`;
}
