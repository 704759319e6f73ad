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
 * A term found in more than RANKED_CANDIDATES documents is ranked among that many of its matches
 * only (see document.repository.ts), and pages end there.
 */
export async function searchDocuments(ex: Executor, scope: Scope, input: DocumentSearchQuery): Promise<SearchPage> {
  const query = DocumentSearchQuery.parse(input);
  const { hits, more } = await searchDocumentRows(ex, scope, query);
  return { query: query.q, results: hits, nextOffset: more ? query.offset + query.limit : null };
}
