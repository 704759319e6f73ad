import type { PullRequestEvent } from "../forge/task-forge.js";
import type { Db } from "../db/database.js";
import { getRepository } from "../db/installation.repository.js";
import type { Task } from "../db/task.table.js";
import { updateTask } from "../db/task.repository.js";
import { collectRound, reportsOfPlan } from "../db/agent-run.repository.js";
import type { RepoTarget } from "./client.js";
import type { GitHubForge } from "./github-forge.js";
import { ensurePullRequest } from "./pull-request.js";
import { renderPrBody } from "../render/pr-body.js";
import type { PrDoc } from "../render/pr-sections.js";
import { pinnedBase, roundBaseKey } from "../db/round-base.repository.js";
import { configOf, snapshotOf } from "../db/task-state.js";

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
): Promise<PullRequestEvent> {
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
  const reports = await reportsOfPlan(db, task.id, snapshot.planVersion);
  const docs: PrDoc[] = reports.flatMap(({ report }) => (report.documents ?? []).map((d) => ({ title: d.title, path: d.path })));
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
      testsAdded: reports.flatMap(({ report }) => report.testsAdded ?? []),
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
