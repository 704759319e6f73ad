import { getRepository } from "../db/installation.repository.js";
import type { Task } from "../db/task.table.js";
import { createLocalForge } from "../forge/local/local-forge.js";
import { createLocalTaskForge } from "../forge/local/local-task-forge.js";
import type { TaskForge } from "../forge/task-forge.js";
import { createGitHubTaskForge } from "../github/github-task-forge.js";
import type { WorkerDeps } from "./deps.js";

type ForgeDeps = Omit<WorkerDeps, "forgeFor">;

/**
 * Gives dependencies their `forgeFor`: a task on a GitHub repository gets the GitHub forge of its
 * installation, a task on a repository of this machine the local forge over that folder.
 */
export function withTaskForges(base: ForgeDeps): WorkerDeps {
  const deps: WorkerDeps = { ...base, forgeFor: async () => undefined };
  deps.forgeFor = async (task: Task): Promise<TaskForge | undefined> => {
    const repo = await getRepository(deps.db, task.repository_id);
    if (!repo) return undefined;
    if (repo.forge === "local") {
      if (!repo.local_path) return undefined;
      return createLocalTaskForge(deps, await createLocalForge(repo.local_path));
    }
    const [owner, name] = repo.full_name.split("/") as [string, string];
    const octokit = await deps.github(Number(task.installation_id));
    const onGone = (what: string) => deps.logger.info({ task: String(task.id), what }, "the issue was deleted; nothing to write");
    return createGitHubTaskForge({ ...deps, onGone }, { octokit, owner, repo: name }, task.issue_number);
  };
  return deps;
}
