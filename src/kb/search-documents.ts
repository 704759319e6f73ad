import type { Scope } from "../auth/scope.js";
import type { Executor } from "../db/database.js";
import { type DocumentHit, searchDocumentRows } from "../db/document.repository.js";
import { DocumentSearchQuery } from "./schema.js";

export interface SearchPage {
  query: string;
  results: DocumentHit[];
  /** Offset of the next page, when there may be one. */
  nextOffset: number | null;
}

/**
 * Ranked full-text search (websearch syntax) within the scope; matched words are wrapped in `**`
 * in `snippet` and `titleHighlight`. A repository outside the scope simply has no results.
 */
export async function searchDocuments(ex: Executor, scope: Scope, input: DocumentSearchQuery): Promise<SearchPage> {
  const query = DocumentSearchQuery.parse(input);
  // One more row than asked tells whether a next page exists without counting every match.
  const rows = await searchDocumentRows(ex, scope, { ...query, limit: query.limit + 1 });
  const results = rows.slice(0, query.limit);
  return {
    query: query.q,
    results,
    nextOffset: rows.length > query.limit ? query.offset + query.limit : null,
  };
}
