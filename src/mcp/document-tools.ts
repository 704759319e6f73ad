import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { RepositoryFullName } from "../auth/schema.js";
import { addDocument } from "../kb/add-document.js";
import { deleteDocument, updateDocument } from "../kb/change-document.js";
import { getDocument } from "../kb/get-document.js";
import { listDocuments } from "../kb/list-documents.js";
import { listSources } from "../kb/list-sources.js";
import { DocumentKind, Id } from "../kb/schema.js";
import { searchDocuments } from "../kb/search-documents.js";
import type { McpDependencies } from "./deps.js";
import { errorResult, jsonResult } from "./tool-result.js";

const KIND_HELP = "kind: doc, adr, plan, snippet, test_report or decision";

/** The knowledge-base tools: find and manage documents, search them, list their sources. */
export function registerDocumentTools(server: McpServer, deps: McpDependencies): void {
  registerFindDocumentsTool(server, deps);
  registerManageDocumentTool(server, deps);
  registerSearchKnowledgeBaseTool(server, deps);
  registerAvailableSourcesTool(server, deps);
}

/** find_documents: one document by id, a ranked search, or the most recent documents. */
function registerFindDocumentsTool(server: McpServer, { db, scope }: McpDependencies): void {
  server.registerTool(
    "find_documents",
    {
      title: "Find documents",
      description: `Get one knowledge-base document by document_id, search them with query (ranked, matches marked with **), or list the most recent. ${KIND_HELP}.`,
      inputSchema: {
        document_id: Id.optional(),
        query: z.string().trim().min(1).max(500).optional(),
        repository: RepositoryFullName.optional(),
        kind: DocumentKind.optional(),
        limit: z.number().int().min(1).max(50).default(10),
        offset: z.number().int().min(0).default(0),
      },
      annotations: { readOnlyHint: true },
    },
    async ({ document_id, query, repository, kind, limit, offset }) => {
      if (document_id !== undefined) {
        const found = await getDocument(db, scope, document_id);
        return found.ok ? jsonResult({ document: found.value }) : errorResult(found.error);
      }
      if (query !== undefined) return jsonResult(await searchDocuments(db, scope, { q: query, repository, kind, limit, offset }));
      return jsonResult({ documents: await listDocuments(db, scope, { repository, kind, limit, offset }) });
    },
  );
}

/** manage_document: create, update or delete a document. */
function registerManageDocumentTool(server: McpServer, { db, scope }: McpDependencies): void {
  server.registerTool(
    "manage_document",
    {
      title: "Create, update or delete a document",
      description: `action=create adds a document (kind, title, body; repository to file it under a repository, else the whole installation). action=update changes kind, title, body or path. action=delete removes it. ${KIND_HELP}.`,
      inputSchema: {
        action: z.enum(["create", "update", "delete"]),
        document_id: Id.optional().describe("required for update and delete"),
        kind: DocumentKind.optional(),
        title: z.string().trim().min(1).max(300).optional(),
        body: z.string().min(1).max(1_000_000).optional(),
        repository: RepositoryFullName.optional(),
        path: z.string().trim().min(1).max(1024).optional(),
      },
      annotations: { destructiveHint: true },
    },
    async ({ action, document_id, kind, title, body, repository, path }) => {
      if (action === "create") {
        if (!kind || !title || !body) return errorResult({ code: "invalid", message: "kind, title and body are required to create a document" });
        const added = await addDocument(db, scope, { kind, title, body, repository, path });
        return added.ok ? jsonResult({ document: added.value }) : errorResult(added.error);
      }
      if (document_id === undefined) return errorResult({ code: "invalid", message: `document_id is required to ${action} a document` });
      const result = action === "update" ? await updateDocument(db, scope, document_id, { kind, title, body, path }) : await deleteDocument(db, scope, document_id);
      return result.ok ? jsonResult(action === "update" ? { document: result.value } : result.value) : errorResult(result.error);
    },
  );
}

/** rag_search_knowledge_base: full-text search, optionally within one repository. */
function registerSearchKnowledgeBaseTool(server: McpServer, { db, scope }: McpDependencies): void {
  server.registerTool(
    "rag_search_knowledge_base",
    {
      title: "Search the knowledge base",
      description:
        "Full-text search over docs, ADRs, plans, snippets and test reports. query uses web-search syntax (words, \"exact phrase\", OR, -exclude); results are best first with the matched words marked **like this**. source limits the search to one repository (see rag_get_available_sources).",
      inputSchema: {
        query: z.string().trim().min(1).max(500),
        match_count: z.number().int().min(1).max(50).default(5),
        source: RepositoryFullName.optional().describe("repository full name, owner/name"),
      },
      annotations: { readOnlyHint: true },
    },
    async ({ query, match_count, source }) =>
      jsonResult(await searchDocuments(db, scope, { q: query, limit: match_count, repository: source })),
  );
}

/** rag_get_available_sources: the repositories with documents, with counts by kind. */
function registerAvailableSourcesTool(server: McpServer, { db, scope }: McpDependencies): void {
  server.registerTool(
    "rag_get_available_sources",
    {
      title: "List knowledge-base sources",
      description: "The repositories with documents in the knowledge base (null: the whole installation), with counts by kind; pass a repository as source to rag_search_knowledge_base.",
      inputSchema: {},
      annotations: { readOnlyHint: true },
    },
    async () => jsonResult({ sources: await listSources(db, scope) }),
  );
}
