import { type Scope, scopeAllowsRepository } from "../auth/scope.js";
import type { Executor } from "../db/database.js";
import { findDocument, insertDocument } from "../db/document.repository.js";
import { findRepository } from "../db/installation.repository.js";
import { findTaskInScope } from "../db/task.queries.js";
import { type DocumentView, toDocumentView } from "./document-view.js";
import { fail, ok, type Result } from "../domain/result.js";
import { NewDocument } from "./schema.js";

/**
 * Resolves a repository full name inside the scope. A repository of another installation gets the
 * same answer as one that does not exist.
 */
export async function resolveRepositoryId(
  ex: Executor,
  scope: Scope,
  fullName: string | undefined,
): Promise<Result<string | null>> {
  if (fullName === undefined) {
    // Installation-wide rows are outside a token limited to repositories.
    if (scope.repositories) return fail("invalid", "repository is required", { repository: "this token is limited to repositories; name one" });
    return ok(null);
  }
  const repo = scopeAllowsRepository(scope, fullName) ? await findRepository(ex, scope.installationId, fullName) : undefined;
  if (!repo || repo.removed_at !== null) return fail("not_found", `no repository ${fullName}`, { repository: "not found" });
  return ok(String(repo.id));
}

export async function addDocument(ex: Executor, scope: Scope, raw: NewDocument): Promise<Result<DocumentView>> {
  const parsed = NewDocument.safeParse(raw);
  if (!parsed.success) {
    const details = Object.fromEntries(parsed.error.issues.map((i) => [i.path.map(String).join(".") || "document", i.message]));
    return fail("invalid", "the document is invalid", details);
  }
  const input = parsed.data;
  const repositoryId = await resolveRepositoryId(ex, scope, input.repository);
  if (!repositoryId.ok) return repositoryId;
  if (input.sourceTaskId !== undefined && !(await findTaskInScope(ex, scope, input.sourceTaskId))) {
    return fail("not_found", `no task ${input.sourceTaskId}`, { sourceTaskId: "not found" });
  }
  const row = await insertDocument(ex, {
    installationId: scope.installationId,
    repositoryId: repositoryId.value,
    kind: input.kind,
    title: input.title,
    body: input.body,
    path: input.path ?? null,
    sourceTaskId: input.sourceTaskId ?? null,
  });
  const created = await findDocument(ex, scope, String(row.id));
  if (!created) throw new Error(`document ${row.id} vanished after insert`);
  return ok(toDocumentView(created));
}
