import { describe, expect, it } from "vitest";
import { finishAgentRun, startAgentRun } from "../../src/db/agent-run.repository.js";
import type { Provider } from "../../src/llm/provider.js";
import { testDatabases } from "../support/databases.js";
import { type Harness, testQueueKinds } from "../support/github-harness.js";
import { MAINTAINER, deadJobs, expressRepo, harnessPerTest, labelIssue } from "./setup.js";

describe.each(testDatabases())("labeling an issue ($name)", (backend) => {
  const openFor = harnessPerTest(backend);

  async function open(queue: "memory" | "redis" = "memory", extra: Record<string, string> = {}) {
    return openFor({ files: await expressRepo(extra), permissions: { [MAINTAINER.login]: "write" }, queue });
  }

  async function counts(h: Harness) {
    const tasks = await h.db.selectFrom("tasks").select(["id"]).execute();
    const plans = await h.db.selectFrom("plans").select(["id"]).execute();
    const events = (await h.jobs()).filter((j) => j.kind === "github.event");
    return { tasks: tasks.length, plans: plans.length, eventJobs: events.length, comments: h.github.commentsOn(7).length };
  }

  it.each(testQueueKinds())("creates one task, one plan and one status comment, after the webhook answered (%s queue)", async (queue) => {
    const h = await open(queue);
    await labelIssue(h, 7);
    // The delivery is committed and answered; nothing has asked GitHub anything yet.
    expect(h.github.requests).toEqual([]);
    expect((await h.jobs()).map((j) => [j.kind, j.state])).toEqual([["github.event", "pending"]]);

    expect(deadJobs(await h.drain())).toEqual([]);
    expect(await counts(h)).toEqual({ tasks: 1, plans: 1, eventJobs: 1, comments: 1 });
    const task = await h.db.selectFrom("tasks").selectAll().executeTakeFirstOrThrow();
    expect(task).toMatchObject({ issue_number: 7, status: "awaiting_approval", branch: "archon/issue-7", requested_by: MAINTAINER.login });
    const status = h.github.commentsOn(7)[0]!;
    expect(status.user.type).toBe("Bot");
    expect(status.body).toContain(`<!-- archon:status task=${task.id} -->`);
    const steps = (task.snapshot as { steps: { title: string }[] }).steps;
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(status.body).toContain(step.title);
    expect(status.body).toMatch(/- \[ \]/);
    expect(h.github.issueLabels.get(7)).toEqual(["archon:planned"]);
    // Reading the repository and writing the comment and label is all the plan cost: no commit.
    expect(h.github.requests.filter((r) => r.method === "POST" && r.path.includes("/git/"))).toEqual([]);
  });

  it("shows the provider, model, budget and estimate awaiting approval: from the price table, then from an earlier task", async () => {
    // Never asked to run: the plan waits for approval.
    const provider = (): Provider => ({ name: "openai", model: "gpt-4o-mini", assess: () => ({ supported: true }), run: () => Promise.reject(new Error("ran")) });
    const h = await openFor({ files: await expressRepo({ ".github/archon.yml": "budgetUsd: 2\n" }), permissions: { [MAINTAINER.login]: "write" }, provider });
    await labelIssue(h, 7);
    expect(deadJobs(await h.drain())).toEqual([]);
    const first = h.github.commentsOn(7)[0]!.body;
    expect(first).toMatch(/\n\nProvider openai · model gpt-4o-mini · budget \$2\.00 · estimated \$0\.\d+–\$0\.\d+ \(from the price table, assuming .+ for each of \d steps; fix rounds cost more\)\n\n\*\*Next\*\*/);

    const earlier = await h.db.selectFrom("tasks").selectAll().executeTakeFirstOrThrow();
    for (const costUsd of [0.04, 0.03]) {
      const run = await startAgentRun(h.db, { taskId: earlier.id, agent: "CodeGenerationAgent", provider: "openai", model: "gpt-4o-mini", attempt: 1 });
      await finishAgentRun(h.db, run.id, { outcome: "succeeded", costUsd });
    }
    await h.db.updateTable("tasks").set({ status: "done" }).where("id", "=", earlier.id).execute();
    await labelIssue(h, 8);
    expect(deadJobs(await h.drain())).toEqual([]);
    expect(h.github.commentsOn(8)[0]!.body).toContain("\n\nProvider openai · model gpt-4o-mini · budget $2.00 · estimated $0.07 (from 1 earlier task of this repository)\n\n**Next**");
  });

  it("says the template provider is free while the plan awaits approval", async () => {
    const h = await open();
    await labelIssue(h, 7);
    expect(deadJobs(await h.drain())).toEqual([]);
    expect(h.github.commentsOn(7)[0]!.body).toContain("\n\nProvider template · free (no model)\n\n**Next**");
  });

  it("five redeliveries of one delivery, one after another, make one task and one comment", async () => {
    const h = await open();
    for (let i = 0; i < 5; i += 1) await labelIssue(h, 7, { id: "delivery-1" });
    expect(deadJobs(await h.drain())).toEqual([]);
    expect(await counts(h)).toEqual({ tasks: 1, plans: 1, eventJobs: 1, comments: 1 });
    const outcomes = await h.db.selectFrom("webhook_deliveries").select(["delivery_id", "outcome"]).execute();
    expect(outcomes).toEqual([{ delivery_id: "delivery-1", outcome: "recorded" }]);
    expect(h.intake.counts()).toMatchObject({ recorded: 1, duplicate: 4 });
  });

  it("five copies of one delivery at once make one task and one comment", async () => {
    const h = await open();
    await Promise.all(Array.from({ length: 5 }, () => labelIssue(h, 7, { id: "delivery-2" })));
    expect(deadJobs(await h.drain())).toEqual([]);
    expect(await counts(h)).toEqual({ tasks: 1, plans: 1, eventJobs: 1, comments: 1 });
  });

  it("two different deliveries racing for one issue make one task", async () => {
    const h = await open();
    await Promise.all([labelIssue(h, 7, { id: "delivery-a" }), labelIssue(h, 7, { id: "delivery-b" })]);
    expect(deadJobs(await h.drain())).toEqual([]);
    expect(await counts(h)).toEqual({ tasks: 1, plans: 1, eventJobs: 2, comments: 1 });
    expect(h.github.count("POST", /\/issues\/7\/comments$/)).toBe(1);
  });

  it("an invalid .github/archon.yml is explained, problem by problem, and the task waits", async () => {
    const h = await open("memory", { ".github/archon.yml": "requireAproval: false\nmaxFixAttempts: 99\nreviewers:\n  users: [\"not a login!\"]\n" });
    await labelIssue(h, 7);
    expect(deadJobs(await h.drain())).toEqual([]);
    const task = await h.db.selectFrom("tasks").selectAll().executeTakeFirstOrThrow();
    expect(task.status).toBe("needs_attention");
    const [status] = h.github.commentsOn(7);
    expect(status!.body).toContain(".github/archon.yml");
    expect(status!.body).toContain("`requireAproval`");
    expect(status!.body).toContain("`maxFixAttempts`");
    expect(status!.body).toContain("`reviewers.users[0]`");
    expect(h.github.issueLabels.get(7)).toEqual(["archon:failed"]);
    expect(await h.db.selectFrom("plans").select(["id"]).execute()).toEqual([]);
  });

  it("unparseable YAML is quoted back as the file's problem", async () => {
    const h = await open("memory", { ".github/archon.yml": "label: [unclosed\n" });
    await labelIssue(h, 7);
    expect(deadJobs(await h.drain())).toEqual([]);
    const task = await h.db.selectFrom("tasks").selectAll().executeTakeFirstOrThrow();
    expect(task.status).toBe("needs_attention");
    expect(h.github.commentsOn(7)[0]!.body).toMatch(/invalid YAML/);
  });

  it("a task the provider declines on reading the repository fails at once, with its reason in the status comment", async () => {
    const h = await open();
    await labelIssue(h, 7, { title: "Make the whole app faster" });
    expect(deadJobs(await h.drain())).toEqual([]);
    const task = await h.db.selectFrom("tasks").selectAll().executeTakeFirstOrThrow();
    expect(task.status).toBe("failed");
    expect(task.error).toMatch(/^The issue names no HTTP endpoint and no collection of items\./);
    expect(h.github.commentsOn(7)[0]!.body).toContain("The issue names no HTTP endpoint");
    expect(h.github.issueLabels.get(7)).toEqual(["archon:failed"]);
    // Nothing ran and nothing was written to the repository.
    expect((await h.jobs()).filter((j) => j.kind === "task.command" && (j.payload as { command: { type: string } }).command.type === "run_step")).toEqual([]);
    expect(h.github.requests.filter((r) => r.method === "POST" && r.path.includes("/git/"))).toEqual([]);
  });
});
