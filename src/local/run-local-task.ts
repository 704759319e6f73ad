import os from "node:os";
import type { Usage } from "../agents/agent.js";
import { createAgents } from "../agents/create-agents.js";
import type { PlanDraft } from "../archon/plan.js";
import { planTask } from "../archon/planner.js";
import type { RepoConfig } from "../archon/repo-config.schema.js";
import type { TaskSpec } from "../archon/task-spec.js";
import type { Db } from "../db/database.js";
import { LOCAL_INSTALLATION_ID } from "../db/installation.repository.js";
import { insertTask, savePlan, updateTask } from "../db/task.repository.js";
import type { TaskStatus } from "../db/task.table.js";
import { createLocalForge } from "../forge/local/local-forge.js";
import { checkChanges } from "../guardrails/index.js";
import type { Provider } from "../llm/provider.js";
import { runPlan } from "../pipeline/run-plan.js";
import { detectFacts } from "../repo/detect-facts.js";
import { budgetSpentMessage } from "./budget-spent.js";
import { ARCHON_AUTHOR, taskCommitMessage } from "./commit-message.js";
import { ensureLocalRepositoryRow } from "./local-repository.js";
import type { LocalOutcome, LocalProgress, LocalTaskReport } from "./local-report.js";
import { readRepoConfig } from "./read-repo-config.js";
import { recordSteps } from "./record-steps.js";
import { storeDocuments } from "./store-documents.js";
import { testAndFix } from "./test-and-fix.js";
import { knowledgeForTask } from "../worker/knowledge-context.js";

export interface LocalTaskInput {
  repoPath: string;
  spec: TaskSpec;
  /** Overrides `maxFixAttempts` of .github/archon.yml. */
  maxFixAttempts?: number | undefined;
  /** Who asked, for the task row; the local user by default. */
  requestedBy?: string | undefined;
}

/** Builds the provider once the repository's config is read (its provider, model and budgetUsd). */
export type LocalProviderFactory = (config: RepoConfig) => Provider;

export interface LocalTaskPorts {
  db: Db;
  provider: Provider | LocalProviderFactory;
  /** Shown the plan; false cancels the task before any agent runs. */
  approve: (plan: PlanDraft) => Promise<boolean>;
  progress?: (event: LocalProgress) => void;
  /** Whether a program is on PATH, for the test command; the real lookup by default. */
  isInstalled?: (program: string) => boolean;
  /** Aborted when the person stops the run (Ctrl-C, SIGTERM, a closed pipe): the run stops its tests, removes its worktrees, cancels the task with the reason and returns. */
  signal?: AbortSignal;
}

const NO_USAGE: Usage = { tokensIn: 0, tokensOut: 0, costUsd: 0 };

function requester(): string {
  try {
    return os.userInfo().username || "local";
  } catch {
    return "local";
  }
}

/**
 * `archon run` on a git repository of this machine:
 * 1. record the repository and the task (installation 0, source cli) and read the repository at HEAD;
 * 2. plan, and ask for approval;
 * 3. run the agents and commit their changes as one commit on `archon/task-<id>`, leaving the
 *    person's checkout, index and current branch alone;
 * 4. run the tests on the base commit and on the branch, each in a throwaway worktree, and fix
 *    new failures up to maxFixAttempts times, a commit per attempt;
 * 5. store the docs in the knowledge base and return the report.
 * Throws LocalForgeError before recording anything when the path is not a usable repository.
 */
export async function runLocalTask(input: LocalTaskInput, ports: LocalTaskPorts): Promise<LocalTaskReport> {
  const progress = ports.progress ?? (() => undefined);
  const { db } = ports;
  const forge = await createLocalForge(input.repoPath);
  const baseBranch = await forge.defaultBranch();
  const baseSha = (await forge.resolve("HEAD"))!;
  const { repository, project } = await ensureLocalRepositoryRow(db, forge.root);
  const { task } = await insertTask(db, {
    installation_id: LOCAL_INSTALLATION_ID,
    repository_id: repository.id,
    project_id: project.id,
    source: "cli",
    status: "received",
    issue_number: null,
    title: input.spec.title,
    body: input.spec.description,
    spec: input.spec,
    requested_by: input.requestedBy ?? requester(),
  });
  const taskId = String(task.id);
  const branch = `archon/task-${taskId}`;
  await updateTask(db, taskId, { branch });

  // Whatever breaks from here on (git, the database, a provider bug) leaves the task failed with
  // the reason, never stuck as running.
  try {
    const report: LocalTaskReport = {
      taskId,
      status: "received",
      outcome: "passed",
      message: "",
      repository: forge.root,
      base: { branch: baseBranch, sha: baseSha },
      branch,
      commits: [],
      files: [],
      diffStat: "",
      steps: [],
      tests: { runs: [], preexisting: [], fixAttempts: 0 },
      documents: [],
      usage: NO_USAGE,
      diffCommand: `git -C ${JSON.stringify(forge.root)} diff ${baseSha.slice(0, 12)}...${branch}`,
    };

    async function finish(status: TaskStatus, outcome: LocalOutcome, message: string): Promise<LocalTaskReport> {
      const failed = status === "failed" || status === "cancelled" || status === "needs_attention";
      await updateTask(db, taskId, { status, error: failed ? message : null, spent_usd: report.usage.costUsd });
      if (report.commits.length > 0) {
        const diff = await forge.diff(baseSha, branch);
        report.files = diff.files;
        report.diffStat = diff.stat;
      }
      return Object.assign(report, { status, outcome, message });
    }

    // A branch of that name means a person made it, or an earlier Archon database is gone: either
    // way its commits are not this task's, and Archon does not write on them.
    if (await forge.resolve(`refs/heads/${branch}`)) {
      const whose = (await forge.isForeignBranch(branch)) ? "Archon did not make it" : "it holds an earlier Archon run's commits";
      return finish("failed", "branch_collision", `The branch ${branch} already exists in ${forge.root} and ${whose}. Rename or delete it (git branch -m ${branch} <new-name>), then run again.`);
    }

    progress({ kind: "phase", text: `Reading ${forge.root} at ${baseBranch} (${baseSha.slice(0, 7)})` });
    const view = await forge.view(baseSha);
    const config = await readRepoConfig(view);
    if (!config.ok) return finish("failed", "bad_config", `The repository's config is invalid:\n${config.problems.map((p) => `  - ${p}`).join("\n")}`);
    const provider = typeof ports.provider === "function" ? ports.provider(config.config) : ports.provider;
    const budgetUsd = config.config.budgetUsd;
    if (budgetUsd !== undefined) await updateTask(db, taskId, { budget_usd: budgetUsd });
    const facts = await detectFacts(view);
    const assessment = provider.assess(input.spec, facts);
    if (!assessment.supported) return finish("failed", "unsupported", assessment.reason);
    // A provider that reads the repository first says what it will write, or why it will not.
    const drafted = provider.draft ? await provider.draft(input.spec, view, facts) : undefined;
    if (drafted && !drafted.supported) return finish("failed", "unsupported", drafted.reason);

    const plan = planTask(input.spec, facts, drafted);
    report.plan = plan;
    const saved = await savePlan(db, taskId, plan);
    await updateTask(db, taskId, { status: "awaiting_approval" });
    if (!(await ports.approve(plan))) return finish("cancelled", "declined", "The plan was not approved; nothing was written.");

    await updateTask(db, taskId, { status: "running" });
    const rules = { allowed: config.config.paths.allowed, forbidden: config.config.paths.forbidden };
    const agents = createAgents(provider, { rules });
    // Earlier tasks' docs on this repository are context, not a requirement: a failed search gives none.
    const knowledge = await knowledgeForTask(db, { installationId: LOCAL_INSTALLATION_ID, repository: repository.full_name }, `${input.spec.title} ${input.spec.description}`).catch(() => []);
    progress({ kind: "phase", text: `Running ${plan.steps.length} step(s) with the ${provider.name} provider` });
    const run = await runPlan({
      agents,
      steps: plan.steps,
      task: input.spec,
      facts,
      repo: view,
      knowledge,
      ...recordSteps(db, taskId, saved.steps, provider, 0, progress),
    });
    report.usage = run.usage;
    report.steps = run.steps.map((s) => ({
      attempt: 0,
      agent: s.step.agent,
      title: s.step.title,
      outcome: s.outcome,
      summary: s.outcome === "succeeded" ? s.report.summary : s.reason,
    }));
    if (!run.ok) {
      const f = run.failure!;
      const spent = budgetSpentMessage(budgetUsd, run.usage.costUsd, `${f.step.agent} could not do "${f.step.title}"`);
      if (spent) return finish("needs_attention", "budget_spent", spent);
      const outcome: LocalOutcome = f.outcome === "unsupported" ? "unsupported" : f.outcome === "rejected" ? "rejected" : "agent_failed";
      return finish("failed", outcome, `${f.step.agent} could not do "${f.step.title}": ${f.reason}`);
    }
    const checked = checkChanges(run.changes, rules);
    if (!checked.ok) return finish("failed", "rejected", `The guardrails refused the change: ${checked.violations.map((v) => v.message).join(" ")}`);
    if (checked.changes.length === 0) return finish("failed", "no_changes", "The agents proposed no change, so there is nothing to commit.");

    const commit = await forge.commit({
      branch,
      base: baseSha,
      message: taskCommitMessage(taskId, input.spec, plan.summary, run.reports),
      changes: checked.changes,
      author: ARCHON_AUTHOR,
    });
    report.commits.push(commit.sha);
    await updateTask(db, taskId, { head_sha: commit.sha });
    progress({ kind: "phase", text: `Committed ${checked.changes.length} file(s) on ${branch} (${commit.sha.slice(0, 7)})` });
    report.documents = await storeDocuments(db, repository.id, taskId, run.reports);

    const tested = await testAndFix({
      db,
      forge,
      provider,
      agents,
      knowledge,
      taskId,
      spec: input.spec,
      plan,
      planSteps: saved.steps,
      facts,
      rules,
      baseSha,
      branch,
      headSha: commit.sha,
      config: config.config,
      maxFixAttempts: input.maxFixAttempts ?? config.config.maxFixAttempts,
      report,
      progress,
      isInstalled: ports.isInstalled,
    });
    return finish(tested.status, tested.outcome, tested.message);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await updateTask(db, taskId, { status: "failed", error: reason }).catch(() => undefined);
    throw error;
  }
}
