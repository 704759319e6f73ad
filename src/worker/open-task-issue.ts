import { parseRepoConfig } from "../archon/parse-repo-config.js";
import { getRepository, upsertRepository } from "../db/installation.repository.js";
import { getTask, updateTask } from "../db/task.repository.js";
import { openIssue, readDefaultBranch } from "../github/issues.js";
import { renderMarker } from "../render/marker.js";
import { applyEvent } from "./apply-event.js";
import type { WorkerDeps } from "./deps.js";
import { estimateTask } from "./estimate-task.js";
import { loadConfig, planWithBase, repoContext, specFromIssue } from "./repo-context.js";

/** Marks an issue Archon opened for an API or MCP task, so its `labeled` event starts nothing new. */
export function apiTaskMarker(taskId: string): string {
  return renderMarker("status", { task: taskId, source: "api" });
}

/**
 * For a task created through the API or MCP: open its issue with the task label (once, found again
 * by key), then plan it like a labeled issue.
 */
export async function openTaskIssue(deps: WorkerDeps, taskId: string): Promise<void> {
  const task = await getTask(deps.db, taskId);
  if (!task || task.snapshot !== null) return;
  const repo = await getRepository(deps.db, task.repository_id);
  if (!repo) return;
  const octokit = await deps.github(Number(task.installation_id));
  const [owner, name] = repo.full_name.split("/") as [string, string];
  // The installation webhook names a repository but not its default branch, so the stored one may
  // be a guess; the agents branch from it, so ask once and keep the answer.
  const defaultBranch = await readDefaultBranch({ octokit, owner, repo: name });
  if (defaultBranch !== repo.default_branch) {
    await upsertRepository(deps.db, { installationId: Number(repo.installation_id), fullName: repo.full_name, defaultBranch });
  }
  const ctx = await repoContext(deps, Number(task.installation_id), {
    id: Number(repo.github_id ?? 0),
    fullName: repo.full_name,
    defaultBranch,
    private: repo.private,
  });
  const loaded = await loadConfig(ctx);
  const label = loaded.ok ? loaded.config.label : loaded.label;
  const body = `${task.body}\n\n_Requested through Archon's ${task.source === "mcp" ? "MCP server" : "API"} by ${task.requested_by}._\n\n${apiTaskMarker(String(task.id))}`;
  const issue = await openIssue({ ...ctx, key: `api-task-${task.id}`, title: task.title, body, labels: [label] });
  const skipApproval = (task.config as { requireApproval?: boolean }).requireApproval === false;
  const config = loaded.ok ? { ...loaded.config, ...(skipApproval ? { requireApproval: false } : {}) } : undefined;
  await updateTask(deps.db, task.id, {
    issue_number: issue.number,
    branch: `archon/issue-${issue.number}`,
    ...(config && parseRepoConfig(config).ok ? { config: config as Record<string, unknown> } : {}),
  });
  if (!loaded.ok) {
    await applyEvent(deps, String(task.id), { type: "config_invalid", problems: loaded.problems });
    return;
  }
  const provider = deps.provider(loaded.config, async () => undefined);
  const { plan, base, declined } = await planWithBase(ctx, specFromIssue({ title: task.title, body: task.body }), deps.blobs, provider);
  if (declined) return void (await applyEvent(deps, String(task.id), { type: "task_declined", reason: declined }, { base }));
  await applyEvent(deps, String(task.id), { type: "task_created", plan, estimate: await estimateTask(deps.db, task.id, provider, plan) }, { base });
}
