import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { deleteProjectRow, findProjectInScope, insertStandaloneProject, listProjectsInScope, updateProjectRow } from "../db/project.repository.js";
import { Id } from "../kb/schema.js";
import type { McpDependencies } from "./deps.js";
import { errorResult, jsonResult } from "./tool-result.js";
import { STANDALONE_NOTE, toMcpProject } from "./views.js";

const Title = z.string().trim().min(1).max(256);
const Description = z.string().max(65_536);

/** The tools that create, find, change and delete projects. */
export function registerProjectTools(server: McpServer, deps: McpDependencies): void {
  registerCreateProjectTool(server, deps);
  registerFindProjectsTool(server, deps);
  registerManageProjectTool(server, deps);
}

/** Creates a standalone project and answers with it as the caller sees it. */
async function createStandaloneProject({ db, scope }: McpDependencies, title: string, description: string): Promise<CallToolResult> {
  const project = await insertStandaloneProject(db, { installationId: scope.installationId, title, description });
  const row = await findProjectInScope(db, scope, String(project.id));
  return row ? jsonResult({ project: toMcpProject(row) }) : errorResult({ code: "not_found", message: "project vanished" });
}

/** create_project: a standalone project, for tokens not limited to repositories. */
function registerCreateProjectTool(server: McpServer, deps: McpDependencies): void {
  const { scope } = deps;
  server.registerTool(
    "create_project",
    {
      title: "Create a project",
      description: `Create a standalone project. Every repository Archon is installed on already has its own project (see find_projects); a ${STANDALONE_NOTE}.`,
      inputSchema: { title: Title, description: Description.default("") },
    },
    async ({ title, description }) => {
      if (scope.repositories) return errorResult({ code: "invalid", message: "this token is limited to repositories and cannot create standalone projects" });
      return createStandaloneProject(deps, title, description);
    },
  );
}

/** find_projects: one project by id, or a page of projects matching words. */
function registerFindProjectsTool(server: McpServer, { db, scope }: McpDependencies): void {
  server.registerTool(
    "find_projects",
    {
      title: "Find projects",
      description:
        "List projects (one per repository, plus standalone ones), or get one by project_id. query matches title, description and repository name.",
      inputSchema: {
        project_id: Id.optional(),
        query: z.string().trim().min(1).max(200).optional(),
        limit: z.number().int().min(1).max(100).default(50),
        offset: z.number().int().min(0).default(0),
      },
      annotations: { readOnlyHint: true },
    },
    async ({ project_id, query, limit, offset }) => {
      if (project_id !== undefined) {
        const row = await findProjectInScope(db, scope, project_id);
        return row ? jsonResult({ project: toMcpProject(row) }) : errorResult({ code: "not_found", message: `no project ${project_id}` });
      }
      const rows = await listProjectsInScope(db, scope, { text: query, limit, offset });
      return jsonResult({ projects: rows.map(toMcpProject) });
    },
  );
}

/** manage_project: create a standalone project, update any project, delete a standalone one. */
function registerManageProjectTool(server: McpServer, deps: McpDependencies): void {
  const { db, scope } = deps;
  server.registerTool(
    "manage_project",
    {
      title: "Create, update or delete a project",
      description:
        "action=create makes a standalone project (title, description). action=update changes title or description of any project. action=delete removes a standalone project; a repository's project lasts as long as the repository.",
      inputSchema: {
        action: z.enum(["create", "update", "delete"]),
        project_id: Id.optional().describe("required for update and delete"),
        title: Title.optional(),
        description: Description.optional(),
      },
      annotations: { destructiveHint: true },
    },
    async ({ action, project_id, title, description }) => {
      if (action === "create") {
        if (!title) return errorResult({ code: "invalid", message: "title is required to create a project", details: { title: "required" } });
        if (scope.repositories) return errorResult({ code: "invalid", message: "this token is limited to repositories and cannot create standalone projects" });
        return createStandaloneProject(deps, title, description ?? "");
      }
      if (project_id === undefined) return errorResult({ code: "invalid", message: `project_id is required to ${action} a project`, details: { project_id: "required" } });
      const row = await findProjectInScope(db, scope, project_id);
      if (!row) return errorResult({ code: "not_found", message: `no project ${project_id}` });
      if (action === "update") {
        await updateProjectRow(db, project_id, { title, description });
        const updated = await findProjectInScope(db, scope, project_id);
        return jsonResult({ project: updated ? toMcpProject(updated) : null });
      }
      if (row.repository !== null) {
        return errorResult({ code: "conflict", message: `project ${project_id} belongs to ${row.repository} and lasts as long as the repository` });
      }
      await deleteProjectRow(db, project_id);
      return jsonResult({ deleted: project_id });
    },
  );
}
