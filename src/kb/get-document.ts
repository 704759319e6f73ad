import type { Scope } from "../auth/scope.js";
import type { Executor } from "../db/database.js";
import { findDocument } from "../db/document.repository.js";
import { type DocumentView, toDocumentView } from "./document-view.js";
import { fail, ok, type Result } from "../domain/result.js";

export async function getDocument(ex: Executor, scope: Scope, id: string): Promise<Result<DocumentView>> {
  if (!/^\d{1,18}$/.test(id)) return fail("not_found", `no document ${id}`);
  const row = await findDocument(ex, scope, id);
  return row ? ok(toDocumentView(row)) : fail("not_found", `no document ${id}`);
}
