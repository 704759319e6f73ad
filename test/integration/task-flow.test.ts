import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../support/databases.js";
import { type Harness, openHarness, testQueueKinds, warmUp } from "../support/github-harness.js";
import { MAINTAINER, comment, deadJobs, expressRepo, labelIssue, plannedTask, taskOf } from "./setup.js";

describe.each(testDatabases())("from label to pull request ($name)", (backend) => {
  let h: Harness | undefined;
  beforeAll(() => warmUp(backend), 180_000);
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it.each(testQueueKinds())("`/archon approve` runs the agents and opens ONE draft pull request with ONE commit (%s queue)", async (queue) => {
    h = await openHarness(backend, { files: await expressRepo(), permissions: { [MAINTAINER.login]: "write" }, queue });
    await labelIssue(h, 7);
    await h.drain();
    const approval = await comment(h, 7, "/archon approve");
    const jobs = await h.drain();
    expect(deadJobs(jobs)).toEqual([]);

    // 👀 when the command is read, 🚀 when the state machine accepted it.
    expect(h.github.reactions).toEqual([
      { commentId: approval.id, content: "eyes" },
      { commentId: approval.id, content: "rocket" },
    ]);
    const task = await taskOf(h, 7);
    expect(task).toMatchObject({ status: "pr_open", branch: "archon/issue-7", pr_number: 100 });

    // One commit through the Git Data API, on a new branch from the default branch.
    expect(h.github.count("POST", /\/git\/trees$/)).toBe(1);
    expect(h.github.count("POST", /\/git\/commits$/)).toBe(1);
    expect(h.github.count("POST", /\/git\/refs$/)).toBe(1);
    const treeRequest = h.github.requests.find((r) => r.method === "POST" && r.path.endsWith("/git/trees"))!;
    expect(treeRequest.body).toMatchObject({ base_tree: h.github.base.tree });
    const head = h.github.git.refs.get("archon/issue-7")!;
    expect(h.github.git.commits.get(head)?.parents).toEqual([h.github.base.sha]);
    expect(task.head_sha).toBe(head);
    const files = h.github.git.filesAt("archon/issue-7");
    expect(files.get("src/routes/todos.js")).toMatch(/router\.get\(['"]\/:id['"]/);

    // One draft pull request with the plan, the files and the closing keyword.
    expect([...h.github.pulls.values()]).toHaveLength(1);
    const pull = h.github.pulls.get(100)!;
    expect(pull).toMatchObject({ head: "archon/issue-7", base: "master", draft: true });
    expect(pull.body).toContain("Closes #7");
    expect(pull.body).toContain("src/routes/todos.js");
    for (const step of task.snapshot ? (task.snapshot as { steps: { title: string }[] }).steps : []) expect(pull.body).toContain(step.title);

    // The status comment, the same one, now links the pull request.
    const comments = h.github.commentsOn(7).filter((c) => c.user.type === "Bot");
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(pull.html_url);
    const docs = await h.db.selectFrom("documents").select(["kind", "title", "path"]).execute();
    expect(docs.length).toBeGreaterThan(0);

    const writes = h.github.requests.filter((r) => r.method !== "GET").length;
    console.log(`GitHub API requests from label to pull request: ${h.github.requests.length} (${writes} writes)`);
  });
});
