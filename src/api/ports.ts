import type { Scope } from "../auth/scope.js";
import type { Task } from "../db/task.table.js";
import type { Result } from "../domain/result.js";

export type { Failure, FailureCode, Result } from "../domain/result.js";

/** A task asked for from outside GitHub (the REST API or an MCP client). */
export interface CreateTaskInput {
  /** Repository full name, inside the caller's scope. */
  repository: string;
  title: string;
  description: string;
  /** Skip plan approval: run as soon as the plan is made. */
  approve: boolean;
  source: "api" | "mcp";
  assignee?: string | undefined;
  /** Links or document ids the requester points the agents at. */
  sources?: string[] | undefined;
}

/**
 * What the API and MCP server ask of the orchestrator. Each call checks the scope itself: a task
 * outside it is `not_found`, a transition the task's state does not allow is `conflict`.
 */
export interface TaskCommands {
  create(scope: Scope, input: CreateTaskInput): Promise<Result<Task>>;
  approve(scope: Scope, id: string): Promise<Result<Task>>;
  /** Run again from the failed step, or from plan step `step` (its position) when given. */
  retry(scope: Scope, id: string, step?: number): Promise<Result<Task>>;
  cancel(scope: Scope, id: string): Promise<Result<Task>>;
}
