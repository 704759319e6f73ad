import type { Row } from "../result.js";
import type { AgentTaskResult } from "./read-task.js";

export interface AgentBenchCounts {
  /** Tasks this run started. */
  total: number;
  accepted: number;
  criteriaPassed: number;
  criteriaTotal: number;
  /** Tasks Archon made no branch for. */
  declines: number;
  /** Tasks Archon ended with exit 0 that were not accepted. */
  falseDone: number;
  /** Tasks that never reached Archon. */
  notRun: number;
}

export function countAgentTasks(tasks: readonly AgentTaskResult[]): AgentBenchCounts {
  return {
    total: tasks.length,
    accepted: tasks.filter((t) => t.accepted).length,
    criteriaPassed: tasks.reduce((n, t) => n + t.criteriaPassed, 0),
    criteriaTotal: tasks.reduce((n, t) => n + t.criteriaTotal, 0),
    declines: tasks.filter((t) => t.declineReason !== undefined).length,
    falseDone: tasks.filter((t) => t.falseDone !== undefined).length,
    notRun: tasks.filter((t) => t.note !== undefined).length,
  };
}

function taskLine(t: AgentTaskResult): string {
  if (t.note !== undefined) return `not run, ${t.criteriaPassed}/${t.criteriaTotal} criteria`;
  const seconds = t.seconds === null ? "-" : `${t.seconds.toFixed(1)} s`;
  return `${t.accepted ? "accepted" : "not accepted"}, ${t.criteriaPassed}/${t.criteriaTotal} criteria, exit ${t.archonExitCode ?? "-"}, ${seconds}`;
}

/** The printed rows: totals, a row per task, then each decline and false "done" with its reason. */
export function agentBenchRows(counts: AgentBenchCounts, tasks: readonly AgentTaskResult[], work: string): Row[] {
  const name = (t: AgentTaskResult) => `${t.repo}/${t.task}`;
  return [
    { metric: "tasks accepted", archon: `${counts.accepted}/${counts.total}` },
    { metric: "criteria passed", archon: `${counts.criteriaPassed}/${counts.criteriaTotal}` },
    { metric: "declines (no branch)", archon: String(counts.declines) },
    { metric: 'false "done" (exit 0, not accepted)', archon: String(counts.falseDone) },
    ...tasks.map((t) => ({ metric: name(t), archon: taskLine(t) })),
    ...tasks.filter((t) => t.declineReason !== undefined).map((t) => ({ metric: `declined ${name(t)}`, archon: t.declineReason! })),
    ...tasks.filter((t) => t.falseDone !== undefined).map((t) => ({ metric: `false "done" ${name(t)}`, archon: t.falseDone! })),
    ...tasks.filter((t) => t.note !== undefined).map((t) => ({ metric: `not run ${name(t)}`, archon: t.note! })),
    { metric: "evidence per task", archon: `${work}/<repo>/<task>/` },
  ];
}
