import type { DocumentRow } from "../db/document.repository.js";
import type { DocumentKind } from "./schema.js";

/** A knowledge-base document as the API, MCP and CLI show it. */
export interface DocumentView {
  id: string;
  kind: DocumentKind;
  title: string;
  body: string;
  repository: string | null;
  path: string | null;
  sourceTaskId: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toDocumentView(row: DocumentRow): DocumentView {
  return {
    id: String(row.id),
    kind: row.kind,
    title: row.title,
    body: row.body,
    repository: row.repository,
    path: row.path,
    sourceTaskId: row.source_task_id === null ? null : String(row.source_task_id),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
