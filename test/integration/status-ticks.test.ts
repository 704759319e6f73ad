import { describe, expect, it } from "vitest";
import { testDatabases } from "../support/databases.js";
import { BOT } from "../support/github-fake.js";
import { commentPayload } from "../support/webhook-payloads.js";
import { statusComment, tick } from "./events.js";
import { MAINTAINER, STRANGER, comment, deadJobs, expressRepo, harnessPerTest, plannedTask, taskOf } from "./setup.js";

describe.each(testDatabases())("ticking a box in the status comment ($name)", (backend) => {
  const openFor = harnessPerTest(backend);

  async function open() {
    return openFor({ files: await expressRepo(), permissions: { [MAINTAINER.login]: "write", [STRANGER.login]: "read" } });
  }

  it("\"Approve the plan and start\" starts the agents like `/archon approve`", async () => {
    const h = await open();
    await plannedTask(h, 7);
    await tick(h, 7, "Approve the plan and start");
    expect(deadJobs(await h.drain())).toEqual([]);
    const task = await taskOf(h, 7);
    expect(task).toMatchObject({ status: "pr_open", pr_number: 100 });
    expect(h.github.pulls.get(100)).toMatchObject({ head: "archon/issue-7", draft: true });
    // The status comment is rewritten: the approve box is gone, the pull request linked.
    const status = statusComment(h, 7);
    expect(status.body).not.toContain("Approve the plan and start");
    expect(status.body).toContain(h.github.pulls.get(100)!.html_url);
    // A tick has no comment of its own to react to or answer.
    expect(h.github.reactions).toEqual([]);
    expect(h.github.commentsOn(7)).toHaveLength(1);
  });

  it("\"Cancel this task\" cancels it, and the box and the labels go", async () => {
    const h = await open();
    await plannedTask(h, 7);
    await tick(h, 7, "Cancel this task");
    expect(deadJobs(await h.drain())).toEqual([]);
    expect((await taskOf(h, 7)).status).toBe("cancelled");
    const status = statusComment(h, 7);
    expect(status.body).toContain("Cancelled");
    expect(status.body).not.toMatch(/- \[[ x]\] Cancel this task/);
    expect(h.github.issueLabels.get(7)).toEqual([]);
    expect(h.github.count("POST", /\/git\/commits$/)).toBe(0);
  });

  it("a tick by someone without write access changes nothing, is answered, and is unticked", async () => {
    const h = await open();
    const before = await plannedTask(h, 7);
    const planned = statusComment(h, 7).body;
    await tick(h, 7, "Approve the plan and start", STRANGER);
    expect(deadJobs(await h.drain())).toEqual([]);
    const after = await taskOf(h, 7);
    expect({ status: after.status, snapshot: after.snapshot }).toEqual({ status: before.status, snapshot: before.snapshot });
    expect(h.github.count("POST", /\/git\/commits$/)).toBe(0);
    const replies = h.github.commentsOn(7).filter((c) => !c.body.includes("<!-- archon:status"));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain(`@${STRANGER.login} only people with write`);
    // The box a stranger ticked is shown unticked again: the comment says what Archon will do.
    expect(statusComment(h, 7).body).toBe(planned);

    // A second stranger's tick is a new request and gets its own answer.
    await tick(h, 7, "Cancel this task", STRANGER);
    expect(deadJobs(await h.drain())).toEqual([]);
    expect((await taskOf(h, 7)).status).toBe("awaiting_approval");
    expect(h.github.commentsOn(7).filter((c) => !c.body.includes("<!-- archon:status"))).toHaveLength(2);
    expect(statusComment(h, 7).body).toBe(planned);
  });

  it("a tick on an old copy of the comment that no longer applies is unticked: the comment shows the task as it is", async () => {
    const h = await open();
    await plannedTask(h, 7);
    const stale = statusComment(h, 7).body;
    await comment(h, 7, "/archon approve");
    expect(deadJobs(await h.drain())).toEqual([]);
    const current = statusComment(h, 7).body;
    expect(current).not.toBe(stale);
    // Someone's browser still shows the plan awaiting approval; they tick approve there.
    statusComment(h, 7).body = stale;
    await tick(h, 7, "Approve the plan and start");
    expect(deadJobs(await h.drain())).toEqual([]);
    expect(await taskOf(h, 7)).toMatchObject({ status: "pr_open", pr_number: 100 });
    expect(statusComment(h, 7).body).toBe(current);
    expect(h.github.count("POST", /\/pulls$/)).toBe(1);
  });

  it("an edit of the status comment that ticks no new box does nothing", async () => {
    const h = await open();
    const before = await plannedTask(h, 7);
    const status = statusComment(h, 7);
    const old = status.body;
    status.body = `${old}\n\nThanks!`;
    const payload = commentPayload("edited", 7, { id: status.id, body: status.body, previousBody: old }, MAINTAINER);
    payload.comment.user = { ...payload.comment.user, login: BOT.login, type: BOT.type };
    const mark = h.github.requests.length;
    await h.deliver("issue_comment", payload);
    expect(deadJobs(await h.drain())).toEqual([]);
    expect((await taskOf(h, 7)).status).toBe(before.status);
    expect(h.github.requests.slice(mark).filter((r) => r.method !== "GET")).toEqual([]);
  });
});
