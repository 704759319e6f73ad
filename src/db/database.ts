import type { Kysely, Transaction } from "kysely";
import type { DocumentTable } from "./document.table.js";
import type { InstallationTable, ProjectTable, RepositoryTable } from "./installation.table.js";
import type { IssueCloseTable } from "./issue-close.table.js";
import type { IssueLabelChangeTable } from "./issue-label.table.js";
import type { EffectTable, JobTable, WebhookDeliveryTable } from "./job.table.js";
import type { PullRequestEventTable } from "./pull-request-event.table.js";
import type { RunnerReportTable } from "./runner-report.table.js";
import type { AgentRunTable, CiResultTable, PlanStepTable, PlanTable, TaskTable } from "./task.table.js";

export interface Database {
  installations: InstallationTable;
  repositories: RepositoryTable;
  projects: ProjectTable;
  tasks: TaskTable;
  plans: PlanTable;
  plan_steps: PlanStepTable;
  agent_runs: AgentRunTable;
  ci_results: CiResultTable;
  webhook_deliveries: WebhookDeliveryTable;
  jobs: JobTable;
  effects: EffectTable;
  documents: DocumentTable;
  issue_label_changes: IssueLabelChangeTable;
  issue_closes: IssueCloseTable;
  pull_request_events: PullRequestEventTable;
  runner_reports: RunnerReportTable;
}

export type Db = Kysely<Database>;
/** Repositories take either the database or a transaction, so the caller owns transactions. */
export type Executor = Kysely<Database> | Transaction<Database>;
