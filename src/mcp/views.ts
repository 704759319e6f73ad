import type { ProjectRow } from "../db/project.repository.js";
import type { TaskRow } from "../db/task.queries.js";
import { toTaskView } from "../api/task-view.js";
import { toBoardStatus } from "./board-status.js";

/** A task as MCP clients see it: `status` is the board column, `archonStatus` the real state. */
export function toMcpTask(task: TaskRow) {
  const view = toTaskView(task);
  const sources = (task.spec as { sources?: unknown }).sources;
  return {
    ...view,
    status: toBoardStatus(task.status),
    archonStatus: task.status,
    sources: Array.isArray(sources) ? sources : [],
  };
}

export const STANDALONE_NOTE =
  "standalone project (no repository): it can hold notes and documents, but tasks need a repository's project because agents run against a repository";

export function toMcpProject(project: ProjectRow) {
  return {
    id: String(project.id),
    title: project.title,
    description: project.description,
    repository: project.repository,
    standalone: project.repository === null,
    ...(project.repository === null ? { note: STANDALONE_NOTE } : {}),
    taskCount: Number(project.task_count),
    createdAt: new Date(project.created_at).toISOString(),
    updatedAt: new Date(project.updated_at).toISOString(),
  };
}
