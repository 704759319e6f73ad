import type { Scope } from "../auth/scope.js";
import type { Executor } from "../db/database.js";
import { countDocumentSources } from "../db/document.repository.js";

export interface KnowledgeSource {
  /** Repository full name; null for documents of the whole installation. */
  repository: string | null;
  documents: number;
  kinds: Record<string, number>;
  lastUpdated: string;
}

/** What the knowledge base holds within the scope: per repository, the document count by kind. */
export async function listSources(ex: Executor, scope: Scope): Promise<KnowledgeSource[]> {
  const counts = await countDocumentSources(ex, scope);
  const sources = new Map<string | null, KnowledgeSource>();
  for (const row of counts) {
    const updated = new Date(row.lastUpdated).toISOString();
    const source = sources.get(row.repository) ?? { repository: row.repository, documents: 0, kinds: {}, lastUpdated: updated };
    source.documents += row.count;
    source.kinds[row.kind] = row.count;
    if (updated > source.lastUpdated) source.lastUpdated = updated;
    sources.set(row.repository, source);
  }
  return [...sources.values()];
}
