import type { Scope } from "../auth/scope.js";
import type { Executor } from "../db/database.js";
import { listDocumentRows } from "../db/document.repository.js";
import { type DocumentView, toDocumentView } from "./document-view.js";
import type { DocumentKind } from "./schema.js";

export async function listDocuments(
  ex: Executor,
  scope: Scope,
  query: { repository?: string | undefined; kind?: DocumentKind | undefined; limit: number; offset: number },
): Promise<DocumentView[]> {
  return (await listDocumentRows(ex, scope, query)).map(toDocumentView);
}
