import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { toTaskDetailView } from "../api/task-view.js";
import { getTaskDetail, listTasksInScope } from "../db/task.queries.js";
import { Id } from "../kb/schema.js";
import { TaskStatus } from "../api/schema.js";
import { type BoardStatus, fromBoardStatus } from "./board-status.js";
import type { McpDependencies } from "./deps.js";
import { answerTask, createTaskInProject, editTask } from "./task-actions.js";
import { errorResult, jsonResult } from "./tool-result.js";
import { toMcpTask } from "./views.js";

const Board = z.enum(["todo", "doing", "review", "done"]);
const Title = z.string().trim().min(1).max(256);
const Description = z.string().max(65_536);
const Assignee = z.string().trim().min(1).max(100);
const Sources = z.array(z.string().trim().min(1).max(2048)).max(50);

const STATUS_HELP =
  "status is the board column: todo (received, planned, awaiting_approval), doing (running, pr_open, ci_running, fixing), review (ready_for_review, needs_attention), done (done, failed, cancelled); archonStatus holds the exact state.";

/** The tools that create, find and steer tasks. */
export function registerTaskTools(server: McpServer, deps: McpDependencies): void {
  registerCreateTaskTool(server, deps);
  registerFindTasksTool(server, deps);
  registerManageTaskTool(server, deps);
}

/** create_task: a new task in a repository's project. */
function registerCreateTaskTool(server: McpServer, deps: McpDependencies): void {
  server.registerTool(
    "create_task",
    {
      title: "Create a task",
      description:
        "Ask Archon to do a task in a repository's project: it plans the work, waits for approval, then writes code, tests and docs and opens one pull request. sources are links or document ids for the agents to read.",
      inputSchema: {
        project_id: Id,
        title: Title,
        description: Description.default(""),
        assignee: Assignee.optional(),
        sources: Sources.optional(),
      },
    },
    async (input) => createTaskInProject(deps, input),
  );
}

/** find_tasks: one task in detail by id, or a filtered page of tasks. */
function registerFindTasksTool(server: McpServer, { db, scope }: McpDependencies): void {
  server.registerTool(
    "find_tasks",
    {
      title: "Find tasks",
      description: `List tasks newest first, filtered by project, repository, status or words in title and description; or get one task with its plan, agent runs, pull request and CI results by task_id. ${STATUS_HELP}`,
      inputSchema: {
        task_id: Id.optional(),
        project_id: Id.optional(),
        repository: z.string().optional(),
        status: z.union([Board, TaskStatus]).optional().describe("a board column or an exact Archon state"),
        query: z.string().trim().min(1).max(200).optional(),
        limit: z.number().int().min(1).max(100).default(20),
        before_id: Id.optional().describe("the last id of the previous page"),
      },
      annotations: { readOnlyHint: true },
    },
    async ({ task_id, project_id, repository, status, query, limit, before_id }) => {
      if (task_id !== undefined) {
        const detail = await getTaskDetail(db, scope, task_id);
        if (!detail) return errorResult({ code: "not_found", message: `no task ${task_id}` });
        const view = toTaskDetailView(detail);
        return jsonResult({ ...view, task: toMcpTask(detail.task) });
      }
      const statuses = status === undefined ? undefined : Board.safeParse(status).success ? fromBoardStatus(status as BoardStatus) : [status as TaskStatus];
      const rows = await listTasksInScope(db, scope, { projectId: project_id, repository, statuses, text: query, beforeId: before_id, limit });
      return jsonResult({ tasks: rows.map(toMcpTask) });
    },
  );
}

/** manage_task: create, edit, steer (approve, retry, cancel) or delete a task. */
function registerManageTaskTool(server: McpServer, deps: McpDependencies): void {
  const { scope, tasks } = deps;
  server.registerTool(
    "manage_task",
    {
      title: "Create, update or delete a task",
      description:
        "action=create: like create_task. action=update: change title and description (only before Archon has planned it), assignee, or steer it with command approve (run the plan), retry (run a failed task again, optionally from plan step `step`) or cancel. action=delete cancels the task; its record stays.",
      inputSchema: {
        action: z.enum(["create", "update", "delete"]),
        task_id: Id.optional().describe("required for update and delete"),
        project_id: Id.optional().describe("required for create"),
        title: Title.optional(),
        description: Description.optional(),
        assignee: Assignee.nullable().optional(),
        sources: Sources.optional(),
        command: z.enum(["approve", "retry", "cancel"]).optional(),
        step: z.number().int().min(0).optional(),
      },
      annotations: { destructiveHint: true },
    },
    async (input) => {
      if (input.action === "create") {
        if (input.project_id === undefined || input.title === undefined) {
          return errorResult({ code: "invalid", message: "project_id and title are required to create a task" });
        }
        return createTaskInProject(deps, { ...input, project_id: input.project_id, title: input.title, description: input.description ?? "", assignee: input.assignee ?? undefined });
      }
      if (input.task_id === undefined) return errorResult({ code: "invalid", message: `task_id is required to ${input.action} a task` });
      const id = input.task_id;
      if (input.action === "delete") return answerTask(deps, await tasks.cancel(scope, id));
      if (input.command === "approve") return answerTask(deps, await tasks.approve(scope, id));
      if (input.command === "retry") return answerTask(deps, await tasks.retry(scope, id, input.step));
      if (input.command === "cancel") return answerTask(deps, await tasks.cancel(scope, id));
      return answerTask(deps, await editTask(deps, id, input));
    },
  );
}
