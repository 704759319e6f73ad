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
  /** How many matches are ranked at most; RANKED_CANDIDATES unless given. */
  candidates?: number | undefined;
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
 * At most this many matches are ranked. A term found in fewer documents is ranked in full, exactly;
 * one found in most of them would make PostgreSQL read and rank every matching vector (1.3 s at
 * 100,000 documents). Past the bound the candidates are the first matches in the table's storage
 * order, roughly the oldest written: picking the newest instead means visiting every match's row
 * to sort by id, which costs ten times as much for a common word.
 */
export const RANKED_CANDIDATES = 1_000;

export interface DocumentSearchResult {
  hits: DocumentHit[];
  /** Whether ranked matches remain after this page. */
  more: boolean;
}

/**
 * Full-text search over the generated `search` column (title weight A, body weight B, GIN index).
 * Every filter (installation, token scope, repository, kind) applies before the candidate bound, so
 * the bound only ever drops in-scope matches. Headlines are built for the returned page alone:
 * ts_headline re-parses the text and costs more than ranking.
 */
export async function searchDocumentRows(ex: Executor, scope: RowScope, query: DocumentSearch): Promise<DocumentSearchResult> {
  const repositoryFilter = query.repository
    ? sql`and d.repository_id in (select r3.id from repositories r3 where r3.installation_id = ${scope.installationId}
        and lower(r3.full_name) = ${query.repository.toLowerCase()})`
    : sql``;
  const kindFilter = query.kind ? sql`and d.kind = ${query.kind}` : sql``;
  const candidates = query.candidates ?? RANKED_CANDIDATES;
  // The tsquery is written inline, not in a CTE: a CTE used twice is materialised, and the
  // planner then cannot use the GIN index for `search @@ query`.
  const tsquery = sql`websearch_to_tsquery('english', ${query.q})`;
  // Only ids and vectors go through ranking; the page's rows are read again by id for their text.
  // One row past the page says whether another page exists; it gets no headline.
  const statement = sql<DocumentHit & { position: number }>`
    select d.id, d.kind, d.title, d.path, r.full_name as repository, top.rank::float8 as rank,
      d.updated_at as "updatedAt", top.position,
      case when top.position <= ${query.limit}
        then ts_headline('english', d.title, ${tsquery}, ${TITLE_HEADLINE_OPTIONS}) end as "titleHighlight",
      case when top.position <= ${query.limit}
        then ts_headline('english', d.body, ${tsquery}, ${HEADLINE_OPTIONS}) end as snippet
    from (
      select ranked.id, ranked.rank, row_number() over (order by ranked.rank desc, ranked.id desc) as position
      from (
        select c.id, ts_rank_cd(c.search, ${tsquery}) as rank
        from (
          select d.id, d.search
          from documents d
          where d.installation_id = ${scope.installationId}
            and d.search @@ ${tsquery}
            and ${repositoryInScope(scope)}
            ${repositoryFilter}
            ${kindFilter}
          limit ${candidates}
        ) c
        order by rank desc, c.id desc
        limit ${query.limit + 1} offset ${query.offset}
      ) ranked
    ) top
      join documents d on d.id = top.id
      left join repositories r on r.id = d.repository_id
    order by top.position`;
  const result = await withBitmapScans(ex, (tx) => statement.execute(tx));
  // PGlite returns int8 as a number, node-postgres as a string; ids travel as strings.
  const hits = result.rows.slice(0, query.limit).map(({ position: _, ...row }) => ({ ...row, id: String(row.id), rank: Number(row.rank) }));
  return { hits, more: result.rows.length > query.limit };
}

/**
 * Runs `work` with sequential and plain index scans priced out, inside a transaction so the
 * setting ends with it. With a LIMIT the planner favours walking the table (or the primary key)
 * and testing `search @@ query` row by row, which decompresses every vector it passes: tens of
 * thousands for a common word. The GIN bitmap decides matches without opening a single vector.
 */
async function withBitmapScans<T>(ex: Executor, work: (tx: Executor) => Promise<T>): Promise<T> {
  const run = async (tx: Executor) => {
    const saved = await sql<{ seq: string; idx: string }>`
      select current_setting('enable_seqscan') as seq, current_setting('enable_indexscan') as idx,
        set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`.execute(tx);
    const out = await work(tx);
    const { seq, idx } = saved.rows[0]!;
    // Inside a caller's transaction the setting would otherwise outlive this search.
    if (ex.isTransaction) await sql`select set_config('enable_seqscan', ${seq}, true), set_config('enable_indexscan', ${idx}, true)`.execute(tx);
    return out;
  };
  return ex.isTransaction ? run(ex) : ex.transaction().execute(run);
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

/** The documents a task added to the knowledge base, oldest first. */
export async function listDocumentsOfTask(ex: Executor, taskId: string): Promise<Pick<KnowledgeDocument, "id" | "kind" | "title" | "path">[]> {
  return ex.selectFrom("documents").select(["id", "kind", "title", "path"]).where("source_task_id", "=", taskId).orderBy("id").execute();
}
