import type { TaskDetail, TaskRow } from "../db/task.queries.js";
import type { TaskSource, TaskStatus } from "../domain/task-status.js";

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function id(value: string | number | null): string | null {
  return value === null ? null : String(value);
}

export interface TaskView {
  id: string;
  repository: string;
  projectId: string | null;
  status: TaskStatus;
  source: TaskSource;
  title: string;
  description: string;
  issueNumber: number | null;
  requestedBy: string;
  assignee: string | null;
  branch: string | null;
  pullRequest: { number: number; url: string | null } | null;
  headSha: string | null;
  fixAttempts: number;
  spentUsd: number;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toTaskView(task: TaskRow): TaskView {
  return {
    id: String(task.id),
    repository: task.repository,
    projectId: id(task.project_id),
    status: task.status,
    source: task.source,
    title: task.title,
    description: task.body,
    issueNumber: task.issue_number,
    requestedBy: task.requested_by,
    assignee: task.assignee,
    branch: task.branch,
    pullRequest: task.pr_number === null ? null : { number: task.pr_number, url: task.pr_url },
    headSha: task.head_sha,
    fixAttempts: task.fix_attempts,
    spentUsd: Number(task.spent_usd),
    error: task.error,
    createdAt: iso(task.created_at) ?? "",
    updatedAt: iso(task.updated_at) ?? "",
  };
}

/** Everything about one task: `GET /api/tasks/:id`, `find_tasks` with an id, `archon://tasks/{id}`. */
export function toTaskDetailView(detail: TaskDetail) {
  return {
    task: toTaskView(detail.task),
    plan: detail.plan
      ? {
          version: detail.plan.version,
          summary: detail.plan.summary,
          createdAt: iso(detail.plan.created_at),
          steps: detail.steps.map((s) => ({
            position: s.position,
            agent: s.agent,
            title: s.title,
            status: s.status,
            attempt: s.attempt,
            dependsOn: s.depends_on,
            files: s.files,
          })),
        }
      : null,
    agentRuns: detail.agentRuns.map((r) => ({
      id: String(r.id),
      agent: r.agent,
      provider: r.provider,
      model: r.model,
      attempt: r.attempt,
      outcome: r.outcome,
      summary: r.summary,
      error: r.error,
      tokensIn: r.tokens_in,
      tokensOut: r.tokens_out,
      costUsd: Number(r.cost_usd),
      startedAt: iso(r.started_at),
      finishedAt: iso(r.finished_at),
    })),
    ciResults: detail.ciResults.map((c) => ({
      headSha: c.head_sha,
      source: c.source,
      externalId: c.external_id,
      conclusion: c.conclusion,
      passed: c.passed,
      failed: c.failed,
      skipped: c.skipped,
      failures: c.failures,
      url: c.url,
      receivedAt: iso(c.received_at),
    })),
  };
}
export type TaskDetailView = ReturnType<typeof toTaskDetailView>;
