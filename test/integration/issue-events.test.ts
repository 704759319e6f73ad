import { describe, expect, it } from "vitest";
import { testDatabases } from "../support/databases.js";
import { issueEventPayload, statusComment } from "./events.js";
import { MAINTAINER, STRANGER, TASK_TITLE, comment, deadJobs, expressRepo, harnessPerTest, plannedTask, taskOf, taskWithPullRequest } from "./setup.js";

const EDITED_TITLE = "Add DELETE /todos/:id removing the todo, or 404";

describe.each(testDatabases())("the issue changes under its task ($name)", (backend) => {
  const openFor = harnessPerTest(backend);

  async function open() {
    return openFor({ files: await expressRepo(), permissions: { [MAINTAINER.login]: "write", [STRANGER.login]: "read" } });
  }

  it("an edit while the plan awaits approval makes plan v2 in the same status comment, and the agents build the edited request", async () => {
    const h = await open();
    await plannedTask(h, 7);
    const first = statusComment(h, 7);
    expect(first.body).toContain("GET /todos/:id");
    await h.deliver("issues", issueEventPayload("edited", { number: 7, title: EDITED_TITLE, labels: ["archon", "archon:planned"] }, MAINTAINER));
    expect(deadJobs(await h.drain())).toEqual([]);

    const task = await taskOf(h, 7);
    expect(task.status).toBe("awaiting_approval");
    expect(task.title).toBe(EDITED_TITLE);
    const status = statusComment(h, 7);
    expect(status.id).toBe(first.id);
    expect(status.body).toContain(`### Archon: ${EDITED_TITLE}`);
    expect(status.body).toContain("plan v2");
    expect(status.body).toContain("DELETE /todos/:id");
    expect(status.body).not.toContain("GET /todos/:id");
    const plans = await h.db.selectFrom("plans").select(["version"]).orderBy("version").execute();
    expect(plans.map((p) => p.version)).toEqual([1, 2]);
    expect(h.github.issueLabels.get(7)).toEqual(["archon:planned"]);

    // Approving builds what the issue says now, not what it said when it was labeled.
    await comment(h, 7, "/archon approve");
    expect(deadJobs(await h.drain())).toEqual([]);
    expect((await taskOf(h, 7)).status).toBe("pr_open");
    expect(h.github.git.filesAt("archon/issue-7").get("src/routes/todos.js")).toMatch(/router\.delete\(['"]\/:id['"]/);
  });

  it("an edit once the agents are at work changes neither the plan nor the pull request", async () => {
    const h = await open();
    const opened = await taskWithPullRequest(h, 7);
    const before = statusComment(h, 7).body;
    await h.deliver("issues", issueEventPayload("edited", { number: 7, title: EDITED_TITLE, labels: ["archon", "archon:running"] }, MAINTAINER));
    expect(deadJobs(await h.drain())).toEqual([]);
    expect(await taskOf(h, 7)).toMatchObject({ status: "pr_open", title: TASK_TITLE, head_sha: opened.head_sha });
    expect(statusComment(h, 7).body).toBe(before);
    expect(await h.db.selectFrom("plans").select(["version"]).execute()).toHaveLength(1);
  });

  it("closing the issue cancels the task and takes Archon's label off", async () => {
    const h = await open();
    await plannedTask(h, 7);
    await h.deliver("issues", issueEventPayload("closed", { number: 7, title: TASK_TITLE, labels: ["archon", "archon:planned"] }, MAINTAINER));
    expect(deadJobs(await h.drain())).toEqual([]);
    expect((await taskOf(h, 7)).status).toBe("cancelled");
    expect(statusComment(h, 7).body).toContain("Cancelled");
    expect(h.github.issueLabels.get(7)).toEqual([]);
  });

  it("closing the issue while its pull request is open cancels the task and leaves the pull request alone", async () => {
    const h = await open();
    await taskWithPullRequest(h, 7);
    await h.deliver("issues", issueEventPayload("closed", { number: 7, title: TASK_TITLE, labels: ["archon", "archon:running"] }, MAINTAINER));
    expect(deadJobs(await h.drain())).toEqual([]);
    expect((await taskOf(h, 7)).status).toBe("cancelled");
    expect(h.github.issueLabels.get(7)).toEqual([]);
    expect(h.github.pulls.get(100)).toMatchObject({ state: "open" });
  });

  it("removing the task label cancels the task; removing another label does nothing", async () => {
    const h = await open();
    await plannedTask(h, 7);
    await h.deliver("issues", issueEventPayload("unlabeled", { number: 7, title: TASK_TITLE, labels: ["archon", "archon:planned"] }, MAINTAINER, "bug"));
    expect(deadJobs(await h.drain())).toEqual([]);
    expect((await taskOf(h, 7)).status).toBe("awaiting_approval");

    await h.deliver("issues", issueEventPayload("unlabeled", { number: 7, title: TASK_TITLE, labels: ["archon:planned"] }, MAINTAINER, "archon"));
    expect(deadJobs(await h.drain())).toEqual([]);
    expect((await taskOf(h, 7)).status).toBe("cancelled");
    expect(statusComment(h, 7).body).toContain("Cancelled");
    expect(h.github.issueLabels.get(7)).toEqual([]);
  });

  it("labeling the issue again after a cancel starts a new task with a new status comment", async () => {
    const h = await open();
    await plannedTask(h, 7);
    await h.deliver("issues", issueEventPayload("unlabeled", { number: 7, title: TASK_TITLE, labels: [] }, MAINTAINER, "archon"));
    await h.drain();
    await plannedTask(h, 7);
    const tasks = await h.db.selectFrom("tasks").select(["id", "status"]).orderBy("id").execute();
    expect(tasks.map((t) => t.status)).toEqual(["cancelled", "awaiting_approval"]);
    const statuses = h.github.commentsOn(7).filter((c) => c.body.includes("<!-- archon:status"));
    expect(statuses.map((c) => c.body.includes("Cancelled"))).toEqual([true, false]);
    expect(h.github.issueLabels.get(7)).toEqual(["archon:planned"]);
  });
});
