import { type Expression, type SqlBool, sql } from "kysely";
import type { Executor } from "./database.js";
import type { DocumentKind, KnowledgeDocument } from "./document.table.js";

/** Which rows a caller may touch: one installation, optionally only some repositories (full names). */
export interface RowScope {
  installationId: number;
  repositories?: string[] | undefined;
}

export interface DocumentRow extends Omit<KnowledgeDocument, "search"> {
  repository: string | null;
}

// Every column but the search vector, which is large and of no use outside the WHERE clause.
const DOCUMENT_COLUMNS = sql`d.id, d.installation_id, d.repository_id, d.kind, d.title, d.body, d.path,
  d.source_task_id, d.created_at, d.updated_at, r.full_name as repository`;

export interface NewDocumentRow {
  installationId: number;
  repositoryId: string | null;
  kind: DocumentKind;
  title: string;
  body: string;
  path: string | null;
  sourceTaskId: string | null;
}

export interface DocumentSearch {
  q: string;
  repository?: string | undefined;
  kind?: DocumentKind | undefined;
  limit: number;
  offset: number;
}

export interface DocumentHit {
  id: string;
  kind: DocumentKind;
  title: string;
  path: string | null;
  repository: string | null;
  rank: number;
  /** Title with the matched words marked. */
  titleHighlight: string;
  /** The best passages of the body with the matched words marked. */
  snippet: string;
  updatedAt: Date;
}

/** How ts_headline marks a match: markdown bold reads well in editors, chat clients and JSON. */
export const HIGHLIGHT_OPEN = "**";
export const HIGHLIGHT_CLOSE = "**";
const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_OPEN}, StopSel=${HIGHLIGHT_CLOSE}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
const TITLE_HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_OPEN}, StopSel=${HIGHLIGHT_CLOSE}, HighlightAll=true`;

function lowered(names: string[]): string[] {
  return names.map((n) => n.toLowerCase());
}

/** documents.repository_id inside the scope; installation-wide documents only for unrestricted scopes. */
function repositoryInScope(scope: RowScope): Expression<SqlBool> {
  if (!scope.repositories) return sql<SqlBool>`true`;
  return sql<SqlBool>`d.repository_id in (select r2.id from repositories r2 where r2.installation_id = ${scope.installationId}
    and lower(r2.full_name) in (${sql.join(lowered(scope.repositories))}))`;
}

export async function insertDocument(ex: Executor, input: NewDocumentRow): Promise<KnowledgeDocument> {
  return ex
    .insertInto("documents")
    .values({
      installation_id: input.installationId,
      repository_id: input.repositoryId,
      kind: input.kind,
      title: input.title,
      body: input.body,
      path: input.path,
      source_task_id: input.sourceTaskId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findDocument(ex: Executor, scope: RowScope, id: string): Promise<DocumentRow | undefined> {
  const result = await sql<DocumentRow>`
    select ${DOCUMENT_COLUMNS}
    from documents d left join repositories r on r.id = d.repository_id
    where d.id = ${id} and d.installation_id = ${scope.installationId} and ${repositoryInScope(scope)}`.execute(ex);
  return result.rows[0];
}

export async function updateDocumentRow(
  ex: Executor,
  id: string,
  patch: { title?: string | undefined; body?: string | undefined; kind?: DocumentKind | undefined; path?: string | null | undefined },
): Promise<KnowledgeDocument> {
  return ex
    .updateTable("documents")
    .set({
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.body !== undefined ? { body: patch.body } : {}),
      ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
      ...(patch.path !== undefined ? { path: patch.path } : {}),
      updated_at: new Date(),
    })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteDocumentRow(ex: Executor, id: string): Promise<void> {
  await ex.deleteFrom("documents").where("id", "=", id).execute();
}

/**
 * Full-text search over the generated `search` column (title weight A, body weight B, GIN index).
 * Ranks every match but builds headlines only for the page returned: ts_headline re-parses the
 * text and is the expensive part.
 */
export async function searchDocumentRows(ex: Executor, scope: RowScope, query: DocumentSearch): Promise<DocumentHit[]> {
  const repositoryFilter = query.repository
    ? sql`and lower(r.full_name) = ${query.repository.toLowerCase()}`
    : sql``;
  const kindFilter = query.kind ? sql`and d.kind = ${query.kind}` : sql``;
  // The tsquery is written inline, not in a CTE: a CTE used twice is materialised, and the
  // planner then cannot use the GIN index for `search @@ query`.
  const tsquery = sql`websearch_to_tsquery('english', ${query.q})`;
  const result = await sql<DocumentHit>`
    select hits.id, hits.kind, hits.title, hits.path, hits.repository, hits.rank::float8 as rank,
      hits.updated_at as "updatedAt",
      ts_headline('english', hits.title, ${tsquery}, ${TITLE_HEADLINE_OPTIONS}) as "titleHighlight",
      ts_headline('english', hits.body, ${tsquery}, ${HEADLINE_OPTIONS}) as snippet
    from (
      select d.id, d.kind, d.title, d.body, d.path, d.updated_at, r.full_name as repository,
        ts_rank_cd(d.search, ${tsquery}) as rank
      from documents d
        left join repositories r on r.id = d.repository_id
      where d.installation_id = ${scope.installationId}
        and d.search @@ ${tsquery}
        and ${repositoryInScope(scope)}
        ${repositoryFilter}
        ${kindFilter}
      order by rank desc, d.id desc
      limit ${query.limit} offset ${query.offset}
    ) hits
    order by hits.rank desc, hits.id desc`.execute(ex);
  // PGlite returns int8 as a number, node-postgres as a string; ids travel as strings.
  return result.rows.map((row) => ({ ...row, id: String(row.id), rank: Number(row.rank) }));
}

export interface SourceCount {
  repository: string | null;
  kind: DocumentKind;
  count: number;
  lastUpdated: Date;
}

export async function countDocumentSources(ex: Executor, scope: RowScope): Promise<SourceCount[]> {
  const result = await sql<SourceCount>`
    select r.full_name as repository, d.kind, count(*)::int as count, max(d.updated_at) as "lastUpdated"
    from documents d left join repositories r on r.id = d.repository_id
    where d.installation_id = ${scope.installationId} and ${repositoryInScope(scope)}
    group by r.full_name, d.kind
    order by r.full_name nulls first, d.kind`.execute(ex);
  return result.rows.map((row) => ({ ...row, count: Number(row.count) }));
}

/** Most recently changed documents first, without their bodies' search vectors. */
export async function listDocumentRows(
  ex: Executor,
  scope: RowScope,
  query: { repository?: string | undefined; kind?: DocumentKind | undefined; limit: number; offset: number },
): Promise<DocumentRow[]> {
  const repositoryFilter = query.repository ? sql`and lower(r.full_name) = ${query.repository.toLowerCase()}` : sql``;
  const kindFilter = query.kind ? sql`and d.kind = ${query.kind}` : sql``;
  const result = await sql<DocumentRow>`
    select ${DOCUMENT_COLUMNS}
    from documents d left join repositories r on r.id = d.repository_id
    where d.installation_id = ${scope.installationId} and ${repositoryInScope(scope)} ${repositoryFilter} ${kindFilter}
    order by d.updated_at desc, d.id desc
    limit ${query.limit} offset ${query.offset}`.execute(ex);
  return result.rows;
}
