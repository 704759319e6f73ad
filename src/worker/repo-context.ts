import { parseIssue } from "../archon/parse-issue.js";
import { defaultRepoConfig, parseRepoConfig } from "../archon/parse-repo-config.js";
import { type ConfigProblem } from "../domain/config-problem.js";
import type { PlanDraft } from "../domain/plan.js";
import { planTask } from "../archon/planner.js";
import type { RepoConfig } from "../archon/repo-config.schema.js";
import type { Provider } from "../llm/provider.js";
import type { TaskSpec } from "../domain/task-spec.js";
import type { GitHubClient, RepoTarget } from "../github/client.js";
import { type PinnedBase, createGitHubForge } from "../github/github-forge.js";
import type { BlobCache } from "../github/github-view.js";
import { loadRepoConfig } from "../github/repo-config.js";
import { detectFacts } from "../repo/detect-facts.js";
import type { RepoInfo } from "../webhooks/domain-event.js";
import type { WorkerDeps } from "./deps.js";

export interface RepoContext extends RepoTarget {
  fullName: string;
  defaultBranch: string;
}

export async function repoContext(deps: WorkerDeps, installationId: number, repo: RepoInfo): Promise<RepoContext> {
  const octokit: GitHubClient = await deps.github(installationId);
  const [owner, name] = repo.fullName.split("/") as [string, string];
  return { octokit, owner, repo: name, fullName: repo.fullName, defaultBranch: repo.defaultBranch };
}

export type LoadedConfig =
  | { ok: true; config: RepoConfig; raw: Record<string, unknown> }
  | { ok: false; problems: ConfigProblem[]; label: string };

/** `.github/archon.yml` (or the organisation's), validated; problems are for the person who wrote it. */
export async function loadConfig(ctx: RepoContext): Promise<LoadedConfig> {
  const loaded = await loadRepoConfig(ctx.octokit, ctx.owner, ctx.repo);
  const rawLabel = typeof loaded.config?.label === "string" ? loaded.config.label : defaultRepoConfig().label;
  if (loaded.error) return { ok: false, problems: [{ path: "", message: loaded.error }], label: rawLabel };
  const parsed = parseRepoConfig(loaded.config);
  if (!parsed.ok) return { ok: false, problems: parsed.problems, label: rawLabel };
  return { ok: true, config: parsed.config, raw: loaded.config ?? {} };
}

/**
 * Reads the default branch once, detects the repository's facts and plans the task; with the
 * commit and tree the plan was made from when the reads learned them.
 */
export async function planWithBase(ctx: RepoContext, spec: TaskSpec, blobs?: BlobCache, provider?: Provider): Promise<PlannedWithBase> {
  const forge = createGitHubForge(ctx, blobs);
  const view = await forge.view(ctx.defaultBranch);
  const facts = await detectFacts(view);
  // A provider that reads the repository first names the files, or says why it will not do the
  // task: a new task is declined with that reason; a re-plan keeps a plan of the usual steps.
  const drafted = provider?.draft ? await provider.draft(spec, view, facts) : undefined;
  const declined = drafted && !drafted.supported ? drafted.reason : undefined;
  return { plan: planTask(spec, facts, drafted?.supported ? drafted : undefined), base: view.base?.(), declined };
}

export interface PlannedWithBase {
  plan: PlanDraft;
  base: PinnedBase | undefined;
  /** Why the provider will not do the task, when it read the repository and declined. */
  declined?: string | undefined;
}

export function specFromIssue(issue: { title: string; body: string }): TaskSpec {
  return parseIssue({ title: issue.title, body: issue.body });
}
