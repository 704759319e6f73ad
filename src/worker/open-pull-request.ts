import type { TaskEvent } from "../archon/task-event.js";
import type { Db } from "../db/database.js";
import { getRepository } from "../db/installation.repository.js";
import type { Task } from "../db/task.table.js";
import { listAgentRuns, updateTask } from "../db/task.repository.js";
import type { RepoTarget } from "../github/client.js";
import type { GitHubForge } from "../github/github-forge.js";
import { ensurePullRequest } from "../github/pull-request.js";
import { renderPrBody } from "../render/pr-body.js";
import type { PrDoc } from "../render/pr-sections.js";
import type { AgentReport } from "../agents/agent.js";
import { pinnedBase, roundBaseKey } from "./round-base.js";
import { collectRound } from "./run-step.js";
import { configOf, snapshotOf } from "./task-state.js";

async function reportsOf(db: Db, task: Task, planVersion: number): Promise<AgentReport[]> {
  const runs = await listAgentRuns(db, task.id);
  return runs
    .filter((r) => r.outcome === "succeeded" && (r.report as { planVersion?: number }).planVersion === planVersion)
    .map((r) => (r.report as { report?: AgentReport }).report)
    .filter((r): r is AgentReport => r !== undefined);
}

/**
 * Every step's changes as ONE commit on `archon/issue-N` (Git Data API), then the pull request
 * found or opened (a draft by default) with a body rendered from the plan and the agents' reports.
 * A job run twice finds the same tree already committed and the same PR open.
 */
export async function openOrUpdatePullRequest(
  db: Db,
  task: Task,
  target: RepoTarget,
  forge: GitHubForge,
  options: { draft: boolean; round: number; bot: { name: string; email: string } },
): Promise<TaskEvent> {
  const snapshot = snapshotOf(task);
  const repo = await getRepository(db, task.repository_id);
  const base = repo?.default_branch ?? (await forge.defaultBranch());
  const branch = task.branch ?? `archon/task-${task.id}`;
  const { changes, modes } = await collectRound(db, task.id, snapshot.planVersion, snapshot.steps.map((s) => s.position));
  if (changes.length === 0) {
    const failed = snapshot.steps[0];
    return { type: "step_failed", position: failed?.position ?? 1, attempt: failed?.attempt ?? 1, error: "The agents produced no changes to commit." };
  }
  // The round's commit builds on the base its steps read; the branch is new until a commit of
  // the task reaches it.
  const pinned = await pinnedBase(db, roundBaseKey(task.id, snapshot.planVersion, snapshot.fix));
  const message =
    options.round > 1 || snapshot.fix
      ? `Archon: fix attempt ${snapshot.fixAttempts} for ${task.title}${task.issue_number ? ` (#${task.issue_number})` : ""}`
      : `Archon: ${task.title}${task.issue_number ? ` (#${task.issue_number})` : ""}`;
  const commit = await forge.commit({
    branch,
    base: pinned?.commit ?? base,
    ...(pinned ? { baseTree: pinned.tree } : {}),
    // The modes the steps recorded spare reading the base tree on a worker that has not cached it.
    ...(modes ? { modes } : {}),
    newBranch: task.head_sha === null && snapshot.headSha === null,
    message,
    changes,
    author: options.bot,
    coAuthor: { name: task.requested_by, email: `${task.requested_by}@users.noreply.github.com` },
  });
  const reports = await reportsOf(db, task, snapshot.planVersion);
  const docs: PrDoc[] = reports.flatMap((r) => (r.documents ?? []).map((d) => ({ title: d.title, path: d.path })));
  const config = configOf(task);
  const body = renderPrBody({
    taskId: String(task.id),
    issueNumber: task.issue_number,
    title: task.title,
    summary: snapshot.planSummary,
    steps: snapshot.steps.map((s) => ({ position: s.position, title: s.title, agent: s.agent, outcome: s.status, summary: s.summary })),
    files: changes.map((c) => ({ path: c.path, action: c.action })),
    testing: {
      command: config.testCommand,
      testsAdded: reports.flatMap((r) => r.testsAdded ?? []),
      ciUrl: snapshot.ciUrl ?? undefined,
      fixAttempts: snapshot.fixAttempts,
    },
    docs,
  });
  const pr = await ensurePullRequest({
    ...target, head: branch, base, title: `Archon: ${task.title}`, body, draft: options.draft, newBranch: commit.branchCreated,
  });
  await updateTask(db, task.id, { branch, pr_number: pr.number, pr_url: pr.url, head_sha: commit.sha });
  return { type: "pr_opened", prNumber: pr.number, headSha: commit.sha, url: pr.url };
}
