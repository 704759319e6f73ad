import { type McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { toTaskDetailView } from "../api/task-view.js";
import { getTaskDetail, listTasksInScope } from "../db/task.queries.js";
import { getDocument } from "../kb/get-document.js";
import { listDocuments } from "../kb/list-documents.js";
import type { McpDependencies } from "./deps.js";
import { toMcpTask } from "./views.js";

const LISTED = 50;

function one(value: string | string[] | undefined): string {
  return String(Array.isArray(value) ? value[0] : value);
}

/** Not found reads as an error, the same for another installation's ids as for missing ones. */
export function registerResources(server: McpServer, { db, scope }: McpDependencies): void {
  server.registerResource(
    "task",
    new ResourceTemplate("archon://tasks/{id}", {
      list: async () => ({
        resources: (await listTasksInScope(db, scope, { limit: LISTED })).map((t) => ({
          uri: `archon://tasks/${t.id}`,
          name: `#${t.id} ${t.title}`,
          mimeType: "application/json",
        })),
      }),
    }),
    { title: "Archon task", description: "A task with its plan, agent runs, pull request and CI results", mimeType: "application/json" },
    async (uri, variables) => {
      const id = one(variables.id);
      const detail = /^\d{1,18}$/.test(id) ? await getTaskDetail(db, scope, id) : undefined;
      if (!detail) throw new Error(`no task ${id}`);
      const view = { ...toTaskDetailView(detail), task: toMcpTask(detail.task) };
      return { contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(view, null, 2) }] };
    },
  );

  server.registerResource(
    "document",
    new ResourceTemplate("archon://documents/{id}", {
      list: async () => ({
        resources: (await listDocuments(db, scope, { limit: LISTED, offset: 0 })).map((d) => ({
          uri: `archon://documents/${d.id}`,
          name: d.title,
          mimeType: "text/markdown",
        })),
      }),
    }),
    { title: "Knowledge-base document", description: "A document's body as markdown", mimeType: "text/markdown" },
    async (uri, variables) => {
      const id = one(variables.id);
      const found = await getDocument(db, scope, id);
      if (!found.ok) throw new Error(found.error.message);
      return { contents: [{ uri: uri.href, mimeType: "text/markdown", text: `# ${found.value.title}\n\n${found.value.body}` }] };
    },
  );
}
