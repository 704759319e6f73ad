import { type Expression, type SqlBool, sql } from "kysely";
import type { Executor } from "./database.js";
import type { RowScope } from "./document.repository.js";
import type { AgentRun, CiResult, Plan, PlanStep, Task } from "./task.table.js";
import type { TaskStatus } from "../domain/task-status.js";

/** A task with the full name of its repository, as the API and MCP show it. */
export interface TaskRow extends Task {
  repository: string;
}

export interface TaskListQuery {
  repository?: string | undefined;
  statuses?: TaskStatus[] | undefined;
  projectId?: string | undefined;
  /** Words to find in the title or body (case-insensitive substring). */
  text?: string | undefined;
  /** Keyset paging: tasks with an id below this one (newest first). */
  beforeId?: string | undefined;
  limit: number;
}

export interface TaskDetail {
  task: TaskRow;
  plan: Plan | undefined;
  steps: PlanStep[];
  agentRuns: AgentRun[];
  ciResults: CiResult[];
}

/** t.repository_id inside the scope; r is the task's repository. */
function taskInScope(scope: RowScope): Expression<SqlBool> {
  const repos = scope.repositories
    ? sql`and lower(r.full_name) in (${sql.join(scope.repositories.map((n) => n.toLowerCase()))})`
    : sql``;
  return sql<SqlBool>`t.installation_id = ${scope.installationId} ${repos}`;
}

/** One task in scope, or undefined: a task of another installation is indistinguishable from none. */
export async function findTaskInScope(ex: Executor, scope: RowScope, id: string): Promise<TaskRow | undefined> {
  const result = await sql<TaskRow>`
    select t.*, r.full_name as repository
    from tasks t join repositories r on r.id = t.repository_id
    where t.id = ${id} and ${taskInScope(scope)}`.execute(ex);
  return result.rows[0];
}

/** Newest first; fetch limit + 1 to know whether there is a next page. */
export async function listTasksInScope(ex: Executor, scope: RowScope, query: TaskListQuery): Promise<TaskRow[]> {
  const filters = [
    query.repository ? sql`and lower(r.full_name) = ${query.repository.toLowerCase()}` : sql``,
    query.statuses && query.statuses.length > 0 ? sql`and t.status in (${sql.join(query.statuses)})` : sql``,
    query.projectId ? sql`and t.project_id = ${query.projectId}` : sql``,
    query.text ? sql`and (t.title ilike ${like(query.text)} or t.body ilike ${like(query.text)})` : sql``,
    query.beforeId ? sql`and t.id < ${query.beforeId}` : sql``,
  ];
  const result = await sql<TaskRow>`
    select t.*, r.full_name as repository
    from tasks t join repositories r on r.id = t.repository_id
    where ${taskInScope(scope)} ${sql.join(filters, sql` `)}
    order by t.id desc
    limit ${query.limit}`.execute(ex);
  return result.rows;
}

function like(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The task with its latest plan and steps, agent runs and CI results, in four queries. */
export async function getTaskDetail(ex: Executor, scope: RowScope, id: string): Promise<TaskDetail | undefined> {
  const task = await findTaskInScope(ex, scope, id);
  if (!task) return undefined;
  const [plan, agentRuns, ciResults] = await Promise.all([
    ex.selectFrom("plans").selectAll().where("task_id", "=", task.id).orderBy("version", "desc").limit(1).executeTakeFirst(),
    ex.selectFrom("agent_runs").selectAll().where("task_id", "=", task.id).orderBy("id").execute(),
    ex.selectFrom("ci_results").selectAll().where("task_id", "=", task.id).orderBy("id").execute(),
  ]);
  const steps = plan
    ? await ex.selectFrom("plan_steps").selectAll().where("plan_id", "=", plan.id).orderBy("position").execute()
    : [];
  return { task, plan, steps, agentRuns, ciResults };
}
