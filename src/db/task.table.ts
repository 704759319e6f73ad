import type { ColumnType, Generated, Insertable, JSONColumnType, Selectable, Updateable } from "kysely";
import type { AgentName, RunOutcome, StepStatus } from "../domain/step.js";
import type { TaskSource, TaskStatus } from "../domain/task-status.js";

/** Written as Date or ISO text, optional on insert where the column has a default. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** numeric columns come back from PostgreSQL as strings. */
type Numeric = ColumnType<string, number | string | undefined, number | string>;

export interface TaskTable {
  id: Generated<string>;
  installation_id: string | number;
  repository_id: string | number;
  project_id: string | number | null;
  source: TaskSource;
  status: TaskStatus;
  issue_number: number | null;
  title: string;
  body: Generated<string>;
  spec: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  requested_by: string;
  assignee: string | null;
  budget_usd: Numeric | null;
  spent_usd: Numeric;
  branch: string | null;
  pr_number: number | null;
  pr_url: string | null;
  head_sha: string | null;
  status_comment_id: string | number | null;
  check_run_id: string | number | null;
  fix_attempts: Generated<number>;
  error: string | null;
  /** The webhook delivery that started the task (issue tasks), so a job run again starts no second one. */
  started_by: string | null;
  /** The orchestrator's TaskSnapshot (src/archon/task-snapshot.ts); null until first transition. */
  snapshot: ColumnType<unknown, string | null | undefined, string | null>;
  /** The repository config the task runs under (`.github/archon.yml` as parsed, or the CLI's options). */
  config: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export type Task = Selectable<TaskTable>;
export type NewTask = Insertable<TaskTable>;
export type TaskUpdate = Updateable<TaskTable>;


export interface PlanTable {
  id: Generated<string>;
  task_id: string | number;
  version: number;
  summary: Generated<string>;
  facts: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
}
export type Plan = Selectable<PlanTable>;

export interface PlanStepTable {
  id: Generated<string>;
  plan_id: string | number;
  position: number;
  agent: AgentName;
  title: string;
  status: Generated<StepStatus>;
  attempt: Generated<number>;
  /** Positions of the steps this one waits for. */
  depends_on: ColumnType<number[], number[] | undefined, number[]>;
  files: JSONColumnType<string[], string | undefined, string>;
  updated_at: Timestamp;
}
export type PlanStep = Selectable<PlanStepTable>;


export interface AgentRunTable {
  id: Generated<string>;
  task_id: string | number;
  plan_step_id: string | number | null;
  agent: AgentName;
  provider: string;
  model: string | null;
  attempt: Generated<number>;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  outcome: Generated<RunOutcome>;
  summary: Generated<string>;
  error: string | null;
  tokens_in: Generated<number>;
  tokens_out: Generated<number>;
  cost_usd: Numeric;
  github_requests: Generated<number>;
  report: JSONColumnType<Record<string, unknown>, string | undefined, string>;
}
export type AgentRun = Selectable<AgentRunTable>;

export interface CiResultTable {
  id: Generated<string>;
  task_id: string | number;
  head_sha: string;
  /** check_run | check_suite | workflow_run | local */
  source: string;
  external_id: string;
  conclusion: string;
  passed: Generated<number>;
  failed: Generated<number>;
  skipped: Generated<number>;
  failures: JSONColumnType<unknown[], string | undefined, string>;
  url: string | null;
  received_at: Timestamp;
}
export type CiResult = Selectable<CiResultTable>;
