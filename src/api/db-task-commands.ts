import type { Scope } from "../auth/scope.js";
import type { Db, Executor } from "../db/database.js";
import { getLatestPlan, insertTask } from "../db/task.repository.js";
import { findTaskInScope } from "../db/task.queries.js";
import { ACTIVE_STATUSES, type Task, type TaskStatus } from "../db/task.table.js";
import { resolveRepositoryId } from "../kb/add-document.js";
import { fail, ok, type Result } from "../kb/result.js";
import type { CreateTaskInput, TaskCommands } from "./ports.js";

const ACTIVE: TaskStatus[] = [...ACTIVE_STATUSES];
const RETRYABLE: TaskStatus[] = ["failed", "needs_attention"];

/**
 * Moves the task from one of `from` to `to` in one conditional UPDATE, so two requests racing on
 * the same task cannot both win.
 */
async function transition(
  ex: Executor,
  scope: Scope,
  id: string,
  from: TaskStatus[],
  to: TaskStatus,
  verb: string,
): Promise<Result<Task>> {
  const task = await findTaskInScope(ex, scope, id);
  if (!task) return fail("not_found", `no task ${id}`);
  const updated = await ex
    .updateTable("tasks")
    .set({ status: to, error: null, updated_at: new Date() })
    .where("id", "=", task.id)
    .where("status", "in", from)
    .returningAll()
    .executeTakeFirst();
  if (!updated) return fail("conflict", `task ${id} is ${task.status} and cannot be ${verb}`);
  return ok(updated);
}

/**
 * TaskCommands on the database alone, for running without GitHub: tasks are recorded as
 * `received` and approve, retry and cancel change the status. The orchestrator's implementation
 * also plans and dispatches the work.
 */
export function createDbTaskCommands(db: Db): TaskCommands {
  return {
    async create(scope: Scope, input: CreateTaskInput) {
      const repositoryId = await resolveRepositoryId(db, scope, input.repository);
      if (!repositoryId.ok) return repositoryId;
      if (repositoryId.value === null) return fail("invalid", "repository is required", { repository: "required" });
      const project = await db
        .selectFrom("projects")
        .select("id")
        .where("repository_id", "=", repositoryId.value)
        .executeTakeFirst();
      const { task } = await insertTask(db, {
        installation_id: scope.installationId,
        repository_id: repositoryId.value,
        project_id: project?.id ?? null,
        source: input.source,
        status: "received",
        title: input.title,
        body: input.description,
        spec: {
          title: input.title,
          description: input.description,
          acceptanceCriteria: [],
          areas: [],
          skipApproval: input.approve,
          ...(input.sources && input.sources.length > 0 ? { sources: input.sources } : {}),
        },
        requested_by: scope.subject ?? `installation-${scope.installationId}`,
        assignee: input.assignee ?? null,
      });
      return ok(task);
    },
    approve: (scope, id) => transition(db, scope, id, ["awaiting_approval"], "running", "approved"),
    cancel: (scope, id) => transition(db, scope, id, ACTIVE, "cancelled", "cancelled"),
    async retry(scope, id, step) {
      if (step !== undefined) {
        const task = await findTaskInScope(db, scope, id);
        if (!task) return fail("not_found", `no task ${id}`);
        const plan = await getLatestPlan(db, task.id);
        const found = plan?.steps.find((s) => s.position === step);
        if (!found) return fail("invalid", `task ${id} has no plan step ${step}`, { step: "no such step in the latest plan" });
        if (!RETRYABLE.includes(task.status)) return fail("conflict", `task ${id} is ${task.status} and cannot be retried`);
        await db.updateTable("plan_steps").set({ status: "pending", updated_at: new Date() }).where("id", "=", found.id).execute();
      }
      return transition(db, scope, id, RETRYABLE, "running", "retried");
    },
  };
}

