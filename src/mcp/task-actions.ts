import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { Task } from "../db/task.table.js";
import { findProjectInScope } from "../db/project.repository.js";
import { updateTask } from "../db/task.repository.js";
import { findTaskInScope } from "../db/task.queries.js";
import { fail, type Result } from "../domain/result.js";
import type { McpDependencies } from "./deps.js";
import { errorResult, jsonResult } from "./tool-result.js";
import { toMcpTask } from "./views.js";

export interface NewTaskInput {
  project_id: string;
  title: string;
  description: string;
  assignee?: string | undefined;
  sources?: string[] | undefined;
}

export interface TaskEdit {
  title?: string | undefined;
  description?: string | undefined;
  assignee?: string | null | undefined;
}

/** The tool answer for a task command: the task as it is now, or the failure. */
export async function answerTask({ db, scope }: McpDependencies, result: Result<Task>): Promise<CallToolResult> {
  if (!result.ok) return errorResult(result.error);
  const row = await findTaskInScope(db, scope, String(result.value.id));
  return row ? jsonResult({ task: toMcpTask(row) }) : errorResult({ code: "not_found", message: `no task ${result.value.id}` });
}

/** Creates a task in a repository's project; a standalone project cannot take tasks. */
export async function createTaskInProject(deps: McpDependencies, input: NewTaskInput): Promise<CallToolResult> {
  const { db, scope, tasks } = deps;
  const project = await findProjectInScope(db, scope, input.project_id);
  if (!project) return errorResult({ code: "not_found", message: `no project ${input.project_id}` });
  if (project.repository === null) {
    return errorResult({
      code: "invalid",
      message: `project ${input.project_id} stands alone, without a repository: tasks in a standalone project cannot run agents, so Archon does not take them. Use the project of a repository (find_projects).`,
    });
  }
  return answerTask(
    deps,
    await tasks.create(scope, {
      repository: project.repository,
      title: input.title,
      description: input.description,
      approve: false,
      source: "mcp",
      assignee: input.assignee,
      sources: input.sources,
    }),
  );
}

/** Changes a task's assignee, or its title and description while it is not yet planned. */
export async function editTask({ db, scope }: McpDependencies, id: string, input: TaskEdit): Promise<Result<Task>> {
  const task = await findTaskInScope(db, scope, id);
  if (!task) return fail("not_found", `no task ${id}`);
  const rewording = input.title !== undefined || input.description !== undefined;
  // Once planned, the plan and the agents follow the original words; changing them would mislead.
  if (rewording && task.status !== "received") return fail("conflict", `task ${id} is ${task.status}; its title and description are fixed once planned`);
  return {
    ok: true,
    value: await updateTask(db, task.id, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { body: input.description } : {}),
      ...(input.assignee !== undefined ? { assignee: input.assignee } : {}),
    }),
  };
}
