import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/connect.js";
import { ensureLocalRepository, findRepository, markRepositoriesRemoved, setInstallationState, upsertRepository } from "../../src/db/installation.repository.js";
import { findActiveTaskForIssue, getLatestPlan, insertTask, savePlan, updateTask, type TaskInput } from "../../src/db/task.repository.js";
import { recordCiResult } from "../../src/db/ci-result.repository.js";
import { finishAgentRun, startAgentRun } from "../../src/db/agent-run.repository.js";
import type { PlanDraft } from "../../src/domain/plan.js";
import { openWithRepository, testDatabases } from "../support/databases.js";

const facts = { language: "javascript", framework: "express", moduleStyle: "commonjs", testRunner: "jest", testCommand: "npm test", paths: [] } as const;
const plan: PlanDraft = {
  summary: "Add an endpoint",
  facts: { ...facts, paths: [] },
  steps: [
    { position: 1, agent: "CodeGenerationAgent", title: "code", dependsOn: [], files: ["src/app.js"] },
    { position: 2, agent: "TestingAgent", title: "tests", dependsOn: [1], files: ["test/app.test.js"] },
  ],
};

describe.each(testDatabases())("row repositories on $name", (backend) => {
  let handle: DatabaseHandle;
  let repositoryId: string;
  beforeAll(async () => {
    ({ handle, repositoryId } = await openWithRepository(backend));
  }, 300_000);
  afterAll(async () => handle.close());

  function task(issue: number): TaskInput {
    return {
      installation_id: 7,
      repository_id: repositoryId,
      source: "issue",
      status: "received",
      issue_number: issue,
      title: `Task ${issue}`,
      requested_by: "octocat",
    };
  }

  it("records installations and repositories, one project per repository, and removals", async () => {
    const again = await upsertRepository(handle.db, { installationId: 7, fullName: "acme/api", defaultBranch: "trunk" });
    expect(again.id).toBe(repositoryId);
    expect(again.default_branch).toBe("trunk");
    const projects = await handle.db.selectFrom("projects").selectAll().where("repository_id", "=", repositoryId).execute();
    expect(projects).toHaveLength(1);
    await markRepositoriesRemoved(handle.db, 7, ["acme/api"]);
    expect((await findRepository(handle.db, 7, "acme/api"))?.removed_at).not.toBeNull();
    await setInstallationState(handle.db, 7, "suspended");
    await setInstallationState(handle.db, 7, "active");
    const local = await ensureLocalRepository(handle.db, "/tmp/repo", "repo");
    expect(local.forge).toBe("local");
  });

  it("makes one active task per issue, even when two inserts race", async () => {
    const results = await Promise.all([insertTask(handle.db, task(1)), insertTask(handle.db, task(1)), insertTask(handle.db, task(1))]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.task.id)).size).toBe(1);
    // Once finished, labeling the issue again starts a new task.
    await updateTask(handle.db, results[0]!.task.id, { status: "done" });
    const next = await insertTask(handle.db, task(1));
    expect(next.created).toBe(true);
    expect((await findActiveTaskForIssue(handle.db, repositoryId, 1))?.id).toBe(next.task.id);
  });

  it("stores plan versions with their steps, agent runs and CI results once", async () => {
    const { task: t } = await insertTask(handle.db, task(2));
    await savePlan(handle.db, t.id, plan);
    const second = await savePlan(handle.db, t.id, { ...plan, summary: "again" });
    expect(second.plan.version).toBe(2);
    const latest = await getLatestPlan(handle.db, t.id);
    expect(latest?.steps.map((s) => [s.position, s.agent, s.depends_on])).toEqual([
      [1, "CodeGenerationAgent", []],
      [2, "TestingAgent", [1]],
    ]);
    const run = await startAgentRun(handle.db, { taskId: t.id, agent: "CodeGenerationAgent", provider: "template", attempt: 1 });
    const done = await finishAgentRun(handle.db, run.id, { outcome: "succeeded", summary: "ok", costUsd: 0.0125, githubRequests: 3 });
    expect(done).toMatchObject({ outcome: "succeeded", github_requests: 3 });
    expect(Number(done.cost_usd)).toBeCloseTo(0.0125);
    const ci = { taskId: t.id, headSha: "abc", source: "check_run", externalId: "9", conclusion: "failure", passed: 3, failed: 1, skipped: 0, failures: [{ name: "x" }] };
    expect((await recordCiResult(handle.db, ci)).created).toBe(true);
    expect((await recordCiResult(handle.db, ci)).created).toBe(false);
  });
});
