import { findProjectOfRepository } from "../db/project.repository.js";
import type { CreateTaskInput, TaskCommands } from "../api/ports.js";
import type { TaskEvent } from "../domain/task-event.js";
import type { Scope } from "../auth/scope.js";
import type { Db } from "../db/database.js";
import { getRepository } from "../db/installation.repository.js";
import { insertJob } from "../db/job.repository.js";
import { findTaskInScope } from "../db/task.queries.js";
import { getLatestPlan, getTask, insertTask, updateTask } from "../db/task.repository.js";
import type { Task } from "../db/task.table.js";
import { resolveRepositoryId } from "../kb/add-document.js";
import { fail, ok, type Result } from "../domain/result.js";
import { publishAfterCommit } from "../queue/outbox.js";
import { applyEvent } from "./apply-event.js";
import type { WorkerDeps } from "./deps.js";

/** Job kind that opens the GitHub issue of a task created through the API or MCP, then plans it. */
export const OPEN_ISSUE_JOB = "task.open-issue";

type Deps = Pick<WorkerDeps, "db" | "queue" | "logger">;

/** Records the task as `received`, on a repository of the caller's scope. */
async function recordTask(db: Db, scope: Scope, input: CreateTaskInput): Promise<Result<Task>> {
  const repositoryId = await resolveRepositoryId(db, scope, input.repository);
  if (!repositoryId.ok) return repositoryId;
  if (repositoryId.value === null) return fail("invalid", "repository is required", { repository: "required" });
  const project = await findProjectOfRepository(db, repositoryId.value);
  const sources = input.sources && input.sources.length > 0 ? { sources: input.sources } : {};
  const { task } = await insertTask(db, {
    installation_id: scope.installationId,
    repository_id: repositoryId.value,
    project_id: project?.id ?? null,
    source: input.source,
    status: "received",
    title: input.title,
    body: input.description,
    spec: { title: input.title, description: input.description, acceptanceCriteria: [], areas: [], skipApproval: input.approve, ...sources },
    requested_by: scope.subject ?? `installation-${scope.installationId}`,
    assignee: input.assignee ?? null,
  });
  return ok(task);
}

/**
 * TaskCommands for the REST API and MCP: approve, retry and cancel go through the state machine
 * like the slash commands do, whichever process serves them (the jobs they ask for wait in the
 * outbox for a worker). A task for a GitHub repository gets its issue opened (with the task label,
 * so GitHub stays the place people see it) by a job, which then plans it.
 */
export function createOrchestratorTaskCommands(deps: Deps): TaskCommands {
  async function steer(scope: Scope, id: string, event: TaskEvent, verb: string): Promise<Result<Task>> {
    const task = await findTaskInScope(deps.db, scope, id);
    if (!task) return fail("not_found", `no task ${id}`);
    if (task.snapshot === null) return fail("conflict", `task ${id} has no plan yet and cannot be ${verb}`);
    const applied = await applyEvent(deps, String(task.id), event);
    // An ignored event still refreshes the status comment; the caller must hear it did nothing.
    if (!applied.accepted) return fail("conflict", `task ${id} is ${task.status} and cannot be ${verb}`);
    return ok((await getTask(deps.db, task.id))!);
  }

  return {
    async create(scope, input) {
      const created = await recordTask(deps.db, scope, input);
      if (!created.ok) return created;
      const task = created.value;
      const repo = await getRepository(deps.db, task.repository_id);
      if (!repo || repo.forge !== "github") return created;
      const updated = await updateTask(deps.db, task.id, { branch: `archon/task-${task.id}`, config: { requireApproval: !input.approve } });
      const { job } = await insertJob(deps.db, { kind: OPEN_ISSUE_JOB, payload: { taskId: String(task.id) }, idempotencyKey: `open-issue:${task.id}`, taskId: task.id });
      await publishAfterCommit(deps.queue, [job], { db: deps.db, logger: deps.logger });
      return ok(updated);
    },
    approve: (scope, id) => steer(scope, id, { type: "plan_approved" }, "approved"),
    async retry(scope, id, step) {
      if (step !== undefined) {
        const task = await findTaskInScope(deps.db, scope, id);
        if (!task) return fail("not_found", `no task ${id}`);
        const plan = await getLatestPlan(deps.db, task.id);
        if (!plan?.steps.some((s) => s.position === step)) return fail("invalid", `task ${id} has no plan step ${step}`, { step: "no such step in the latest plan" });
      }
      return steer(scope, id, { type: "retry_requested", step: step === undefined ? undefined : String(step) }, "retried");
    },
    cancel: (scope, id) => steer(scope, id, { type: "cancel_requested" }, "cancelled"),
  };
}
