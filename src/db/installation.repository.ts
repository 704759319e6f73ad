import type { Executor } from "./database.js";
import type { Installation, Project, Repository } from "./installation.table.js";

/** Installation 0 owns the repositories `archon run` works on, with no GitHub App involved. */
export const LOCAL_INSTALLATION_ID = 0;

export async function upsertInstallation(
  ex: Executor,
  input: { id: number; accountLogin: string; accountType?: string | undefined },
): Promise<Installation> {
  return ex
    .insertInto("installations")
    .values({
      id: input.id,
      account_login: input.accountLogin,
      account_type: input.accountType ?? "Organization",
      suspended_at: null,
      deleted_at: null,
    })
    .onConflict((oc) =>
      oc.column("id").doUpdateSet({
        account_login: input.accountLogin,
        ...(input.accountType ? { account_type: input.accountType } : {}),
        deleted_at: null,
        updated_at: new Date(),
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setInstallationState(
  ex: Executor,
  id: number,
  state: "deleted" | "suspended" | "active",
): Promise<void> {
  const now = new Date();
  await ex
    .updateTable("installations")
    .set({
      deleted_at: state === "deleted" ? now : null,
      suspended_at: state === "suspended" ? now : null,
      updated_at: now,
    })
    .where("id", "=", String(id))
    .execute();
}

export async function getInstallation(ex: Executor, id: number): Promise<Installation | undefined> {
  return ex.selectFrom("installations").selectAll().where("id", "=", String(id)).executeTakeFirst();
}

export interface RepositoryInput {
  installationId: number;
  githubId?: number | undefined;
  fullName: string;
  defaultBranch?: string | undefined;
  private?: boolean | undefined;
  localPath?: string | undefined;
}

/** Records a repository (and its project: one per repository) or refreshes it; clears removal. */
export async function upsertRepository(ex: Executor, input: RepositoryInput): Promise<Repository> {
  const repo = await ex
    .insertInto("repositories")
    .values({
      installation_id: input.installationId,
      forge: input.localPath ? "local" : "github",
      github_id: input.githubId ?? null,
      full_name: input.fullName,
      default_branch: input.defaultBranch ?? "main",
      private: input.private ?? false,
      local_path: input.localPath ?? null,
      removed_at: null,
    })
    .onConflict((oc) =>
      oc.columns(["installation_id", "full_name"]).doUpdateSet({
        removed_at: null,
        ...(input.githubId ? { github_id: input.githubId } : {}),
        ...(input.defaultBranch ? { default_branch: input.defaultBranch } : {}),
        ...(input.private !== undefined ? { private: input.private } : {}),
        ...(input.localPath ? { local_path: input.localPath } : {}),
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  await ensureRepositoryProject(ex, repo);
  return repo;
}

export async function ensureRepositoryProject(ex: Executor, repo: Repository): Promise<Project> {
  await ex
    .insertInto("projects")
    .values({ installation_id: repo.installation_id, repository_id: repo.id, title: repo.full_name })
    .onConflict((oc) => oc.column("repository_id").doNothing())
    .execute();
  return ex.selectFrom("projects").selectAll().where("repository_id", "=", repo.id).executeTakeFirstOrThrow();
}

export async function markRepositoriesRemoved(ex: Executor, installationId: number, fullNames: string[]): Promise<void> {
  if (fullNames.length === 0) return;
  await ex
    .updateTable("repositories")
    .set({ removed_at: new Date() })
    .where("installation_id", "=", String(installationId))
    .where("full_name", "in", fullNames)
    .execute();
}

export async function findRepository(
  ex: Executor,
  installationId: number | string,
  fullName: string,
): Promise<Repository | undefined> {
  return ex
    .selectFrom("repositories")
    .selectAll()
    .where("installation_id", "=", String(installationId))
    .where("full_name", "=", fullName)
    .executeTakeFirst();
}

export async function getRepository(ex: Executor, id: number | string): Promise<Repository | undefined> {
  return ex.selectFrom("repositories").selectAll().where("id", "=", String(id)).executeTakeFirst();
}

/** The local installation and a repository row for a path on this machine. */
export async function ensureLocalRepository(ex: Executor, localPath: string, name: string, defaultBranch?: string): Promise<Repository> {
  await ex
    .insertInto("installations")
    .values({ id: LOCAL_INSTALLATION_ID, account_login: "local", account_type: "Local", suspended_at: null, deleted_at: null })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  return upsertRepository(ex, { installationId: LOCAL_INSTALLATION_ID, fullName: name, localPath, ...(defaultBranch ? { defaultBranch } : {}) });
}

/**
 * The row of installation 0, the command line's on this machine; a fresh database lacks it, and
 * documents and projects reference it.
 */
export async function ensureLocalInstallation(ex: Executor): Promise<void> {
  await ex
    .insertInto("installations")
    .values({ id: LOCAL_INSTALLATION_ID, account_login: "local", account_type: "Local", suspended_at: null, deleted_at: null })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
}
