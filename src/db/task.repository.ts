import { sql } from "kysely";
import type { PlanDraft } from "../domain/plan.js";
import type { Executor } from "./database.js";
import { FINAL_STATUSES } from "../domain/task-status.js";
import { type NewTask, type Plan, type PlanStep, type Task, type TaskUpdate } from "./task.table.js";
import { type StepStatus } from "../domain/step.js";

type Nullable = "project_id" | "issue_number" | "assignee" | "budget_usd" | "branch" | "pr_number" | "pr_url" | "head_sha" | "status_comment_id" | "check_run_id" | "error" | "started_by";

/** A new task: the nullable columns may be left out (they start empty). */
export type TaskInput = Omit<NewTask, "spec" | Nullable> & Partial<Pick<NewTask, Nullable>> & { spec?: Record<string, unknown> };

const EMPTY: Pick<NewTask, Nullable> = {
  project_id: null,
  issue_number: null,
  assignee: null,
  budget_usd: null,
  branch: null,
  pr_number: null,
  pr_url: null,
  head_sha: null,
  status_comment_id: null,
  check_run_id: null,
  error: null,
  started_by: null,
};

/**
 * Inserts a task unless the issue already has an active one (a partial unique index guards the
 * race between two deliveries); returns the active task then, with created=false. With
 * `started_by`, a task that delivery already started is returned instead, whatever its status.
 */
export async function insertTask(ex: Executor, input: TaskInput): Promise<{ task: Task; created: boolean }> {
  if (input.started_by) {
    const started = await findTaskStartedBy(ex, input.started_by);
    if (started) return { task: started, created: false };
  }
  const values = { ...EMPTY, ...input, spec: JSON.stringify(input.spec ?? {}) };
  const inserted = await ex
    .insertInto("tasks")
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(["repository_id", "issue_number"])
        .where("issue_number", "is not", null)
        .where("status", "not in", [...FINAL_STATUSES])
        .doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { task: inserted, created: true };
  const existing = input.issue_number === null || input.issue_number === undefined
    ? undefined
    : await findActiveTaskForIssue(ex, input.repository_id, input.issue_number);
  if (!existing) throw new Error("task insert conflicted but no active task was found");
  return { task: existing, created: false };
}

function findTaskStartedBy(ex: Executor, deliveryId: string): Promise<Task | undefined> {
  return ex.selectFrom("tasks").selectAll().where("started_by", "=", deliveryId).executeTakeFirst();
}

export async function findActiveTaskForIssue(
  ex: Executor,
  repositoryId: number | string,
  issueNumber: number,
): Promise<Task | undefined> {
  return ex
    .selectFrom("tasks")
    .selectAll()
    .where("repository_id", "=", String(repositoryId))
    .where("issue_number", "=", issueNumber)
    .where("status", "not in", [...FINAL_STATUSES])
    .executeTakeFirst();
}

/** The newest task of the repository whose column equals the value, active or not. */
async function newestTaskWhere(
  ex: Executor,
  repositoryId: number | string,
  column: "issue_number" | "pr_number" | "branch",
  value: number | string,
): Promise<Task | undefined> {
  return ex
    .selectFrom("tasks")
    .selectAll()
    .where("repository_id", "=", String(repositoryId))
    .where(column, "=", value as never)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

export function findLatestTaskForIssue(ex: Executor, repositoryId: number | string, issueNumber: number): Promise<Task | undefined> {
  return newestTaskWhere(ex, repositoryId, "issue_number", issueNumber);
}

export function findTaskByPullRequest(ex: Executor, repositoryId: number | string, prNumber: number): Promise<Task | undefined> {
  return newestTaskWhere(ex, repositoryId, "pr_number", prNumber);
}

export function findTaskByBranch(ex: Executor, repositoryId: number | string, branch: string): Promise<Task | undefined> {
  return newestTaskWhere(ex, repositoryId, "branch", branch);
}

export async function getTask(ex: Executor, id: number | string): Promise<Task | undefined> {
  return ex.selectFrom("tasks").selectAll().where("id", "=", String(id)).executeTakeFirst();
}

/** Row lock for the orchestrator: one transition of a task at a time. */
export async function lockTask(ex: Executor, id: number | string): Promise<Task | undefined> {
  return ex.selectFrom("tasks").selectAll().where("id", "=", String(id)).forUpdate().executeTakeFirst();
}

export async function updateTask(
  ex: Executor,
  id: number | string,
  patch: Omit<TaskUpdate, "spec" | "config"> & { spec?: Record<string, unknown>; config?: Record<string, unknown> },
): Promise<Task> {
  const { spec, config, ...rest } = patch;
  return ex
    .updateTable("tasks")
    .set({
      ...rest,
      ...(spec ? { spec: JSON.stringify(spec) } : {}),
      ...(config ? { config: JSON.stringify(config) } : {}),
      updated_at: new Date(),
    })
    .where("id", "=", String(id))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface PlanWithSteps {
  plan: Plan;
  steps: PlanStep[];
}

/** Stores a new plan version for the task; earlier versions stay for the record. */
export async function savePlan(ex: Executor, taskId: number | string, draft: PlanDraft): Promise<PlanWithSteps> {
  const latest = await ex
    .selectFrom("plans")
    .select(sql<number>`coalesce(max(version), 0)`.as("v"))
    .where("task_id", "=", String(taskId))
    .executeTakeFirstOrThrow();
  const plan = await ex
    .insertInto("plans")
    .values({
      task_id: taskId,
      version: Number(latest.v) + 1,
      summary: draft.summary,
      facts: JSON.stringify(draft.facts),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const steps =
    draft.steps.length === 0
      ? []
      : await ex
          .insertInto("plan_steps")
          .values(
            draft.steps.map((s) => ({
              plan_id: plan.id,
              position: s.position,
              agent: s.agent,
              title: s.title,
              depends_on: s.dependsOn,
              files: JSON.stringify(s.files),
            })),
          )
          .returningAll()
          .execute();
  return { plan, steps: steps.sort((a, b) => a.position - b.position) };
}

export async function getLatestPlan(ex: Executor, taskId: number | string): Promise<PlanWithSteps | undefined> {
  const plan = await ex
    .selectFrom("plans")
    .selectAll()
    .where("task_id", "=", String(taskId))
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!plan) return undefined;
  const steps = await ex.selectFrom("plan_steps").selectAll().where("plan_id", "=", plan.id).orderBy("position").execute();
  return { plan, steps };
}

export async function updateStep(
  ex: Executor,
  stepId: number | string,
  patch: { status?: StepStatus; attempt?: number },
): Promise<void> {
  await ex
    .updateTable("plan_steps")
    .set({ ...patch, updated_at: new Date() })
    .where("id", "=", String(stepId))
    .execute();
}

/** How long ago the task was created, in milliseconds on the database's clock (infinite when there is no such task). */
export async function taskAgeMs(ex: Executor, taskId: string | number): Promise<number> {
  const row = await ex
    .selectFrom("tasks")
    .select(sql<number>`extract(epoch from (now() - created_at)) * 1000`.as("age"))
    .where("id", "=", String(taskId))
    .executeTakeFirst();
  return Number(row?.age ?? Number.POSITIVE_INFINITY);
}
