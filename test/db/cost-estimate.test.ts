import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costsOfEarlierTasks, finishAgentRun, startAgentRun } from "../../src/db/agent-run.repository.js";
import type { DatabaseHandle } from "../../src/db/connect.js";
import { upsertRepository } from "../../src/db/installation.repository.js";
import { insertTask } from "../../src/db/task.repository.js";
import type { TaskStatus } from "../../src/domain/task-status.js";
import { estimateTask } from "../../src/worker/estimate-task.js";
import { PLAN } from "../archon/fixtures.js";
import { openWithRepository, testDatabases } from "../support/databases.js";

interface Run {
  provider?: string;
  model?: string | null;
  costUsd: number;
  tokensIn?: number;
  tokensOut?: number;
  /** A run still going has no cost yet. */
  unfinished?: boolean;
}

describe.each(testDatabases())("the estimate from earlier tasks on $name", (backend) => {
  let handle: DatabaseHandle;
  let repositoryId: string;
  let otherRepositoryId: string;
  let issue = 0;
  beforeAll(async () => {
    ({ handle, repositoryId } = await openWithRepository(backend));
    otherRepositoryId = (await upsertRepository(handle.db, { installationId: 7, githubId: 701, fullName: "acme/web" })).id;
  }, 300_000);
  afterAll(async () => handle?.close());

  async function taskWith(status: TaskStatus, runs: Run[], options: { repositoryId?: string; budgetUsd?: number } = {}): Promise<string> {
    issue += 1;
    const { task } = await insertTask(handle.db, {
      installation_id: 7,
      repository_id: options.repositoryId ?? repositoryId,
      source: "issue",
      status,
      issue_number: issue,
      title: `Task ${issue}`,
      requested_by: "octocat",
      budget_usd: options.budgetUsd ?? null,
    });
    for (const run of runs) {
      const model = run.model === undefined ? "gpt-4o-mini" : run.model;
      const started = await startAgentRun(handle.db, { taskId: task.id, agent: "CodeGenerationAgent", provider: run.provider ?? "openai", model, attempt: 1 });
      if (run.unfinished) continue;
      await finishAgentRun(handle.db, started.id, { outcome: "succeeded", costUsd: run.costUsd, tokensIn: run.tokensIn ?? 0, tokensOut: run.tokensOut ?? 0 });
    }
    return String(task.id);
  }

  let current: string;
  let cheapest: string;
  let dearest: string;
  let middle: string;
  beforeAll(async () => {
    // Three tasks that count: their runs of openai/gpt-4o-mini, summed per task.
    cheapest = await taskWith("done", [{ costUsd: 0.015, tokensIn: 40_000, tokensOut: 5_000 }, { costUsd: 0.025, tokensIn: 60_000, tokensOut: 9_000 }]);
    dearest = await taskWith("failed", [{ costUsd: 0.06 }, { costUsd: 0.05 }, { costUsd: 0.3, model: "gpt-4o" }]);
    middle = await taskWith("ready_for_review", [{ costUsd: 0.07 }, { costUsd: 9, unfinished: true }]);
    // And tasks that do not: still at work, another model, the template provider, another repository.
    await taskWith("running", [{ costUsd: 0.5 }]);
    await taskWith("needs_attention", [{ costUsd: 0.6 }]);
    await taskWith("done", [{ costUsd: 1, model: "gpt-4o" }]);
    await taskWith("done", [{ costUsd: 0, provider: "template", model: null }]);
    await taskWith("done", [{ costUsd: 2 }], { repositoryId: otherRepositoryId });
    current = await taskWith("received", [], { budgetUsd: 2 });
  }, 300_000);

  it("sums each settled earlier task's finished runs of the provider and model, newest first", async () => {
    const costs = await costsOfEarlierTasks(handle.db, { repositoryId, exceptTaskId: current, provider: "openai", model: "gpt-4o-mini", limit: 20 });
    expect(costs).toEqual([
      { taskId: middle, costUsd: 0.07, tokensIn: 0, tokensOut: 0 },
      { taskId: dearest, costUsd: 0.11, tokensIn: 0, tokensOut: 0 },
      { taskId: cheapest, costUsd: 0.04, tokensIn: 100_000, tokensOut: 14_000 },
    ]);
    const newest = await costsOfEarlierTasks(handle.db, { repositoryId, exceptTaskId: current, provider: "openai", model: "gpt-4o-mini", limit: 2 });
    expect(newest.map((c) => c.taskId)).toEqual([middle, dearest]);
    // Leaving out the task being estimated, whatever its state.
    const without = await costsOfEarlierTasks(handle.db, { repositoryId, exceptTaskId: middle, provider: "openai", model: "gpt-4o-mini", limit: 20 });
    expect(without.map((c) => c.taskId)).toEqual([dearest, cheapest]);
  });

  it("estimates a task from the cheapest to the dearest of them, under the task's budget", async () => {
    const estimate = await estimateTask(handle.db, current, { name: "openai", model: "gpt-4o-mini" }, PLAN);
    expect(estimate).toEqual({
      provider: "openai",
      model: "gpt-4o-mini",
      budgetUsd: 2,
      lowUsd: 0.04,
      highUsd: 0.11,
      basis: { kind: "earlier_tasks", tasks: 3 },
    });
  });

  it("falls back to the model's price table when no earlier task used that model", async () => {
    const estimate = await estimateTask(handle.db, current, { name: "openai", model: "gpt-4.1-mini" }, PLAN);
    // 3 steps × (5k × $0.40 + 1k × $1.60) / 1M and 3 × (40k × $0.40 + 6k × $1.60) / 1M
    expect(estimate).toMatchObject({ budgetUsd: 2, basis: { kind: "price_table", steps: 3 } });
    expect(estimate!.lowUsd).toBeCloseTo(0.0108, 10);
    expect(estimate!.highUsd).toBeCloseTo(0.0768, 10);
  });

  it("calls the template provider free, and says nothing of a task that is gone", async () => {
    expect(await estimateTask(handle.db, current, { name: "template", model: undefined }, PLAN)).toMatchObject({ lowUsd: 0, highUsd: 0, basis: { kind: "free" } });
    expect(await estimateTask(handle.db, "999999", { name: "openai", model: "gpt-4o-mini" }, PLAN)).toBeUndefined();
  });
});
