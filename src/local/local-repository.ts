import { createHash } from "node:crypto";
import path from "node:path";
import type { Executor } from "../db/database.js";
import { ensureLocalRepository, ensureRepositoryProject, findRepository, LOCAL_INSTALLATION_ID } from "../db/installation.repository.js";
import type { Project, Repository } from "../db/installation.table.js";

/**
 * The repository row of a folder on this machine, named `local/<folder>`; two folders with the
 * same name get a short hash of their path so neither takes over the other's tasks.
 */
/** `branch` is the branch checked out now: the task's base, and what its rounds start from. */
export async function ensureLocalRepositoryRow(ex: Executor, root: string, branch?: string): Promise<{ repository: Repository; project: Project }> {
  const base = `local/${path.basename(root)}`;
  const existing = await findRepository(ex, LOCAL_INSTALLATION_ID, base);
  const name =
    existing && existing.local_path !== root ? `${base}-${createHash("sha256").update(root).digest("hex").slice(0, 8)}` : base;
  const repository = await ensureLocalRepository(ex, root, name, branch);
  return { repository, project: await ensureRepositoryProject(ex, repository) };
}
