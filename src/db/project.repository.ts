import { type Expression, type SqlBool, sql } from "kysely";
import type { Executor } from "./database.js";
import type { RowScope } from "./document.repository.js";
import type { Project } from "./installation.table.js";

/** A project with its repository's full name; null for a standalone project. */
export interface ProjectRow extends Project {
  repository: string | null;
  task_count: number;
}

function projectInScope(scope: RowScope): Expression<SqlBool> {
  const repos = scope.repositories
    ? sql`and lower(r.full_name) in (${sql.join(scope.repositories.map((n) => n.toLowerCase()))})`
    : sql``;
  return sql<SqlBool>`p.installation_id = ${scope.installationId} ${repos}`;
}

const PROJECT_COLUMNS = sql`p.*, r.full_name as repository,
  (select count(*)::int from tasks t where t.project_id = p.id) as task_count`;

export async function findProjectInScope(ex: Executor, scope: RowScope, id: string): Promise<ProjectRow | undefined> {
  const result = await sql<ProjectRow>`
    select ${PROJECT_COLUMNS}
    from projects p left join repositories r on r.id = p.repository_id
    where p.id = ${id} and ${projectInScope(scope)}`.execute(ex);
  return result.rows[0];
}

export async function listProjectsInScope(
  ex: Executor,
  scope: RowScope,
  query: { text?: string | undefined; limit: number; offset: number },
): Promise<ProjectRow[]> {
  const text = query.text
    ? sql`and (p.title ilike ${`%${query.text}%`} or p.description ilike ${`%${query.text}%`} or r.full_name ilike ${`%${query.text}%`})`
    : sql``;
  const result = await sql<ProjectRow>`
    select ${PROJECT_COLUMNS}
    from projects p left join repositories r on r.id = p.repository_id
    where ${projectInScope(scope)} and (r.id is null or r.removed_at is null) ${text}
    order by p.id
    limit ${query.limit} offset ${query.offset}`.execute(ex);
  return result.rows;
}

export async function insertStandaloneProject(
  ex: Executor,
  input: { installationId: number; title: string; description: string },
): Promise<Project> {
  return ex
    .insertInto("projects")
    .values({ installation_id: input.installationId, repository_id: null, title: input.title, description: input.description })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateProjectRow(
  ex: Executor,
  id: string,
  patch: { title?: string | undefined; description?: string | undefined },
): Promise<void> {
  await ex
    .updateTable("projects")
    .set({
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      updated_at: new Date(),
    })
    .where("id", "=", id)
    .execute();
}

export async function deleteProjectRow(ex: Executor, id: string): Promise<void> {
  await ex.deleteFrom("projects").where("id", "=", id).execute();
}

/** The project a repository belongs to, if it has one. */
export async function findProjectOfRepository(ex: Executor, repositoryId: string): Promise<{ id: string } | undefined> {
  return ex.selectFrom("projects").select("id").where("repository_id", "=", repositoryId).executeTakeFirst();
}
