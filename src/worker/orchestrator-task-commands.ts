import { createDbTaskCommands } from "../api/db-task-commands.js";
import type { TaskCommands } from "../api/ports.js";
import type { TaskEvent } from "../archon/task-event.js";
import { getRepository } from "../db/installation.repository.js";
import { findTaskInScope } from "../db/task.queries.js";
import { getTask, updateTask } from "../db/task.repository.js";
import { insertJob } from "../db/job.repository.js";
import { fail, ok, type Result } from "../kb/result.js";
import type { Task } from "../db/task.table.js";
import type { Scope } from "../auth/scope.js";
import { publishAfterCommit } from "../queue/outbox.js";
import { applyEvent } from "./apply-event.js";
import type { WorkerDeps } from "./deps.js";

/** Job kind that opens the GitHub issue of a task created through the API or MCP, then plans it. */
export const OPEN_ISSUE_JOB = "task.open-issue";

/**
 * TaskCommands for `archon serve`: a task for a GitHub repository gets its issue opened (with the
 * task label, so GitHub stays the place people see it) by a job, and approve, retry and cancel go
 * through the state machine like the slash commands do.
 */
export function createOrchestratorTaskCommands(deps: Pick<WorkerDeps, "db" | "queue" | "logger">): TaskCommands {
  const plain = createDbTaskCommands(deps.db);

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
      const created = await plain.create(scope, input);
      if (!created.ok) return created;
      const task = created.value;
      const repo = await getRepository(deps.db, task.repository_id);
      if (!repo || repo.forge !== "github") return created;
      const branch = `archon/task-${task.id}`;
      const updated = await updateTask(deps.db, task.id, {
        branch,
        config: { requireApproval: !input.approve },
      });
      const { job } = await insertJob(deps.db, { kind: OPEN_ISSUE_JOB, payload: { taskId: String(task.id) }, idempotencyKey: `open-issue:${task.id}`, taskId: task.id });
      await publishAfterCommit(deps.queue, [job], { db: deps.db, logger: deps.logger });
      return ok(updated);
    },
    approve: (scope, id) => steer(scope, id, { type: "plan_approved" }, "approved"),
    retry: (scope, id, step) => steer(scope, id, { type: "retry_requested", step: step === undefined ? undefined : String(step) }, "retried"),
    cancel: (scope, id) => steer(scope, id, { type: "cancel_requested" }, "cancelled"),
  };
}
