import { sql } from "kysely";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../support/databases.js";
import { type Harness, openHarness, warmUp } from "../support/github-harness.js";
import { MAINTAINER, comment, deadJobs, expressRepo, labelIssue, taskOf } from "./setup.js";

const BRANCH_READS = /\/branches\/master$/;

describe.each(testDatabases())("the first round's base ($name)", (backend) => {
  let h: Harness | undefined;
  beforeAll(() => warmUp(backend), 180_000);
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("a task that runs without approval builds on the commit it was planned from, without reading the branch again", async () => {
    h = await openHarness(backend, {
      files: await expressRepo({ ".github/archon.yml": "requireApproval: false\n" }),
      permissions: { [MAINTAINER.login]: "write" },
    });
    await labelIssue(h, 7);
    expect(deadJobs(await h.drain())).toEqual([]);

    const task = await taskOf(h, 7);
    expect(task).toMatchObject({ status: "pr_open", branch: "archon/issue-7" });
    // The planning read learned the branch's head in the query that read its files.
    expect(h.github.count("GET", BRANCH_READS)).toBe(0);
    expect(h.github.graphql("ref(qualifiedName: $head)")).toBe(1);
    const head = h.github.git.refs.get("archon/issue-7")!;
    expect(h.github.git.commits.get(head)?.parents).toEqual([h.github.base.sha]);
    const treeRequest = h.github.requests.find((r) => r.method === "POST" && r.path.endsWith("/git/trees"))!;
    expect(treeRequest.body).toMatchObject({ base_tree: h.github.base.tree });
  });

  it("approval that comes long after the plan reads the branch again, and the round builds on where it is now", async () => {
    h = await openHarness(backend, { files: await expressRepo(), permissions: { [MAINTAINER.login]: "write" } });
    await labelIssue(h, 7);
    await h.drain();
    const task = await taskOf(h, 7);
    // The plan was made 11 minutes ago, and the default branch has moved since.
    await sql`UPDATE effects SET created_at = now() - interval '11 minutes' WHERE task_id = ${String(task.id)} AND kind = 'plan_base'`.execute(h.db);
    const git = h.github.git;
    const moved = git.putCommit(git.createTree(h.github.base.tree, [{ path: "NOTES.md", content: "moved on\n" }]), [h.github.base.sha], "Notes");
    git.refs.set("master", moved.sha);

    await comment(h, 7, "/archon approve");
    expect(deadJobs(await h.drain())).toEqual([]);

    expect(await taskOf(h, 7)).toMatchObject({ status: "pr_open" });
    expect(h.github.count("GET", BRANCH_READS)).toBe(1);
    const head = git.refs.get("archon/issue-7")!;
    expect(git.commits.get(head)?.parents).toEqual([moved.sha]);
    expect(git.filesAt("archon/issue-7").get("NOTES.md")).toBe("moved on\n");
  });

  it("approval soon after the plan builds on the commit the plan was made from", async () => {
    h = await openHarness(backend, { files: await expressRepo(), permissions: { [MAINTAINER.login]: "write" } });
    await labelIssue(h, 7);
    await h.drain();
    await comment(h, 7, "/archon approve");
    expect(deadJobs(await h.drain())).toEqual([]);

    expect(await taskOf(h, 7)).toMatchObject({ status: "pr_open" });
    expect(h.github.count("GET", BRANCH_READS)).toBe(0);
    expect(h.github.git.commits.get(h.github.git.refs.get("archon/issue-7")!)?.parents).toEqual([h.github.base.sha]);
  });

  it("a re-plan after the branch moved builds on the commit it was read from, without reading the branch again", async () => {
    h = await openHarness(backend, { files: await expressRepo(), permissions: { [MAINTAINER.login]: "write" } });
    // Each job on a worker with empty caches, so the re-plan reads the files it needs anew.
    Object.defineProperty(h.deps, "blobs", { get: () => new Map() });
    await labelIssue(h, 7);
    await h.drain();
    const git = h.github.git;
    const moved = git.putCommit(git.createTree(h.github.base.tree, [{ path: "NOTES.md", content: "moved on\n" }]), [h.github.base.sha], "Notes");
    git.refs.set("master", moved.sha);

    await comment(h, 7, "/archon plan");
    expect(deadJobs(await h.drain())).toEqual([]);
    expect((await taskOf(h, 7)).status).toBe("awaiting_approval");
    await comment(h, 7, "/archon approve");
    expect(deadJobs(await h.drain())).toEqual([]);

    expect(await taskOf(h, 7)).toMatchObject({ status: "pr_open" });
    expect(h.github.count("GET", BRANCH_READS)).toBe(0);
    expect(git.commits.get(git.refs.get("archon/issue-7")!)?.parents).toEqual([moved.sha]);
  });
});
