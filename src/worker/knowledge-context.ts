import type { KnowledgeHit } from "../domain/agent.js";
import type { Executor } from "../db/database.js";
import { searchDocuments } from "../kb/search-documents.js";

const STOP = new Set(["the", "and", "for", "with", "that", "this", "from", "add", "returning", "return", "into", "when", "should"]);

/**
 * The top knowledge-base hits for a task, as agent context. Any word may match (OR), so a task
 * title that shares a few words with a stored doc, ADR or decision still finds it; ranking puts
 * the closest first.
 */
export async function knowledgeForTask(
  ex: Executor,
  scope: { installationId: number; repository?: string | undefined },
  text: string,
  limit = 5,
): Promise<KnowledgeHit[]> {
  const words = [...new Set(text.toLowerCase().match(/[a-z0-9]{3,}/g) ?? [])].filter((w) => !STOP.has(w)).slice(0, 12);
  if (words.length === 0) return [];
  const page = await searchDocuments(ex, { installationId: scope.installationId }, {
    q: words.join(" OR "),
    ...(scope.repository ? { repository: scope.repository } : {}),
    limit,
  });
  return page.results.map((hit) => ({ id: hit.id, kind: hit.kind, title: hit.title, snippet: hit.snippet }));
}
