import type { Scope } from "../auth/scope.js";
import type { Executor } from "../db/database.js";
import { deleteDocumentRow, findDocument, updateDocumentRow } from "../db/document.repository.js";
import { type DocumentView, toDocumentView } from "./document-view.js";
import { getDocument } from "./get-document.js";
import { ok, type Result } from "../domain/result.js";
import type { DocumentPatch } from "./schema.js";

export async function updateDocument(ex: Executor, scope: Scope, id: string, patch: DocumentPatch): Promise<Result<DocumentView>> {
  const existing = await getDocument(ex, scope, id);
  if (!existing.ok) return existing;
  await updateDocumentRow(ex, id, patch);
  const row = await findDocument(ex, scope, id);
  return row ? ok(toDocumentView(row)) : existing;
}

export async function deleteDocument(ex: Executor, scope: Scope, id: string): Promise<Result<{ id: string; deleted: true }>> {
  const existing = await getDocument(ex, scope, id);
  if (!existing.ok) return existing;
  await deleteDocumentRow(ex, id);
  return ok({ id, deleted: true });
}
