import { describe, expect, it } from "vitest";
import type { AgentName } from "../../src/domain/step.js";
import type { AgentInput, AgentResult } from "../../src/domain/agent.js";
import type { Provider } from "../../src/llm/provider.js";
import { createTemplateProvider } from "../../src/llm/template/template-provider.js";
import { testDatabases } from "../support/databases.js";
import type { Harness } from "../support/github-harness.js";
import { statusComment } from "./events.js";
import { MAINTAINER, comment, deadJobs, expressRepo, harnessPerTest, plannedTask, taskOf } from "./setup.js";
import { commentPayload } from "../support/webhook-payloads.js";

/** The template provider whose TestingAgent fails until `healthy` is set: a model that had a bad day. */
function flakyTests(state: { healthy: boolean }): () => Provider {
  return () => {
    const template = createTemplateProvider();
    return {
      ...template,
      async run(agent: AgentName, input: AgentInput): Promise<AgentResult> {
        if (agent === "TestingAgent" && !state.healthy) {
          return { outcome: "failed", error: "the model's answer was not valid JSON", usage: { tokensIn: 0, tokensOut: 0, costUsd: 0 } };
        }
        return template.run(agent, input);
      },
    };
  };
}

function replies(h: Harness, number = 7) {
  return h.github.commentsOn(number).filter((c) => c.user.type === "Bot" && !c.body.includes("<!-- archon:status"));
}

describe.each(testDatabases())("slash commands on a task ($name)", (backend) => {
  const openFor = harnessPerTest(backend);

  async function open(options: { provider?: () => Provider; config?: string } = {}) {
    const extra: Record<string, string> = options.config === undefined ? {} : { ".github/archon.yml": options.config };
    return openFor({ files: await expressRepo(extra), permissions: { [MAINTAINER.login]: "write" }, provider: options.provider });
  }

  it("`/archon retry` runs a failed step again and goes on to the pull request", async () => {
    const state = { healthy: false };
    const h = await open({ provider: flakyTests(state) });
    await plannedTask(h, 7);
    await comment(h, 7, "/archon approve");
    expect(deadJobs(await h.drain())).toEqual([]);
    const failed = await taskOf(h, 7);
    expect(failed).toMatchObject({ status: "needs_attention", pr_number: null });
    expect(failed.error).toContain("not valid JSON");
    expect(statusComment(h, 7).body).toContain("Retry step 2");
    expect(h.github.issueLabels.get(7)).toEqual(["archon:failed"]);

    state.healthy = true;
    const retry = await comment(h, 7, "/archon retry");
    expect(deadJobs(await h.drain())).toEqual([]);
    expect(await taskOf(h, 7)).toMatchObject({ status: "pr_open", pr_number: 100, error: null });
    expect(h.github.reactions.filter((r) => r.commentId === retry.id).map((r) => r.content)).toEqual(["eyes", "rocket"]);
    expect(h.github.issueLabels.get(7)).toEqual(["archon:running"]);
    const runs = await h.db.selectFrom("agent_runs").select(["agent", "outcome"]).where("agent", "=", "TestingAgent").orderBy("id").execute();
    expect(runs.map((r) => r.outcome)).toEqual(["failed", "succeeded"]);
  });

  it("`/archon retry` when nothing failed says so and changes nothing", async () => {
    const h = await open();
    const before = await plannedTask(h, 7);
    await comment(h, 7, "/archon retry");
    expect(deadJobs(await h.drain())).toEqual([]);
    expect((await taskOf(h, 7)).snapshot).toEqual(before.snapshot);
    expect(replies(h).at(-1)!.body).toContain("there is nothing to retry");
  });

  it("`/archon status` answers with the status and leaves the task as it was", async () => {
    const h = await open();
    const before = await plannedTask(h, 7);
    const asked = await comment(h, 7, "/archon status");
    expect(deadJobs(await h.drain())).toEqual([]);
    expect((await taskOf(h, 7)).snapshot).toEqual(before.snapshot);
    expect(replies(h)).toHaveLength(1);
    expect(replies(h)[0]!.body).toContain("Status: **Waiting for approval**");
    expect(h.github.reactions.filter((r) => r.commentId === asked.id).map((r) => r.content)).toEqual(["eyes"]);
  });

  it("`/archon help` lists the commands", async () => {
    const h = await open();
    await plannedTask(h, 7);
    await comment(h, 7, "/archon help");
    expect(deadJobs(await h.drain())).toEqual([]);
    const [answer] = replies(h);
    expect(answer!.body).toContain("**Archon commands**");
    for (const command of ["plan", "approve", "run", "status", "retry", "fix", "cancel", "help"]) expect(answer!.body).toContain(`/archon ${command}`);
    expect((await taskOf(h, 7)).status).toBe("awaiting_approval");
  });

  it("`/archon help` on an issue without a task lists the commands too", async () => {
    const h = await open();
    await comment(h, 9, "/archon help");
    expect(deadJobs(await h.drain())).toEqual([]);
    expect(replies(h, 9)[0]!.body).toContain("**Archon commands**");
    expect(replies(h, 9)[0]!.body).not.toContain("There is no Archon task");
  });

  it("an unknown `/archon frobnicate` is answered with what Archon understands", async () => {
    const h = await open();
    const before = await plannedTask(h, 7);
    const asked = await comment(h, 7, "/archon frobnicate the widgets");
    expect(deadJobs(await h.drain())).toEqual([]);
    const [answer] = replies(h);
    expect(answer!.body).toContain("Archon did not understand `/archon frobnicate the widgets`");
    expect(answer!.body).toContain("**Archon commands**");
    expect(h.github.reactions.filter((r) => r.commentId === asked.id).map((r) => r.content)).toEqual(["eyes", "confused"]);
    expect((await taskOf(h, 7)).snapshot).toEqual(before.snapshot);
  });

  it("`/archon plan` makes the plan again: plan v2 in the same status comment, still awaiting approval", async () => {
    const h = await open();
    await plannedTask(h, 7);
    const first = statusComment(h, 7);
    await comment(h, 7, "/archon plan");
    expect(deadJobs(await h.drain())).toEqual([]);
    const task = await taskOf(h, 7);
    expect(task.status).toBe("awaiting_approval");
    expect(statusComment(h, 7).id).toBe(first.id);
    expect(statusComment(h, 7).body).toContain("plan v2");
    const plans = await h.db.selectFrom("plans").select(["version"]).orderBy("version").execute();
    expect(plans.map((p) => p.version)).toEqual([1, 2]);
  });

  it("`/archon plan` plans from the issue as it reads when the command is written, even when its edit never arrived", async () => {
    const h = await open();
    await plannedTask(h, 7);
    // The issue was retitled on GitHub, and that edit's webhook was lost; the comment's payload
    // carries the issue as it is now.
    const title = "Add DELETE /todos/:id";
    const c = h.github.addComment(7, "/archon plan", { login: MAINTAINER.login, type: "User" });
    await h.deliver("issue_comment", commentPayload("created", 7, { id: c.id, body: "/archon plan" }, MAINTAINER, { title, body: "" }));
    expect(deadJobs(await h.drain())).toEqual([]);
    const task = await taskOf(h, 7);
    expect(task.title).toBe(title);
    expect(statusComment(h, 7).body).toContain("plan v2");
    expect(statusComment(h, 7).body).toContain("DELETE /todos/:id");
  });

  it("`/archon plan` while the config is still invalid names the file's problems again", async () => {
    const h = await open({ config: "maxFixAttempts: 99\n" });
    await plannedTask(h, 7);
    await comment(h, 7, "/archon plan");
    expect(deadJobs(await h.drain())).toEqual([]);
    expect(await taskOf(h, 7)).toMatchObject({ status: "needs_attention" });
    expect(statusComment(h, 7).body).toContain("`maxFixAttempts`");
    expect(await h.db.selectFrom("plans").select(["id"]).execute()).toEqual([]);
  });

  it("`/archon plan` after the repository's invalid config is fixed plans under the fixed config", async () => {
    const h = await open({ config: "maxFixAttempts: 99\n" });
    await plannedTask(h, 7);
    expect(await taskOf(h, 7)).toMatchObject({ status: "needs_attention" });

    // Someone fixes .github/archon.yml on the default branch.
    const git = h.github.git;
    const base = git.refs.get("master")!;
    const tree = git.createTree(git.commits.get(base)!.tree, [
      { path: ".github/archon.yml", mode: "100644", type: "blob", content: "maxFixAttempts: 1\nrequireApproval: false\n" },
    ]);
    git.refs.set("master", git.putCommit(tree, [base], "Fix archon.yml").sha);

    await comment(h, 7, "/archon plan");
    expect(deadJobs(await h.drain())).toEqual([]);
    const task = await taskOf(h, 7);
    // The fixed file asks for no approval: the new plan waits only for `/archon run`.
    expect(task).toMatchObject({ status: "planned", error: null });
    expect(task.config).toMatchObject({ maxFixAttempts: 1, requireApproval: false });
    expect((task.snapshot as { maxFixAttempts: number }).maxFixAttempts).toBe(1);
    expect(statusComment(h, 7).body).not.toContain(".github/archon.yml");
  });
});
