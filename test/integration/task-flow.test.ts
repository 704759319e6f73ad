import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../support/databases.js";
import { type Harness, openHarness, testQueueKinds, warmUp } from "../support/github-harness.js";
import type { FakeAnnotation } from "../support/github-fake.js";
import { createFixingProvider } from "../support/github-fixing-provider.js";
import { checkRunPayload, pullRequestClosedPayload } from "../support/webhook-payloads.js";
import { MAINTAINER, comment, deadJobs, expressRepo, labelIssue, taskOf, taskWithPullRequest } from "./setup.js";

const FAILING_TEST = "GET /todos/:id answers 404 for a missing todo";

function failure(title = FAILING_TEST): FakeAnnotation {
  return {
    path: "tests/todos.test.js", start_line: 12, end_line: 12, annotation_level: "failure",
    title, message: "expected 404 \"Not Found\", got 500 \"Internal Server Error\"", raw_details: null,
  };
}

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

  it("an executable file the round edits stays executable when every job runs on a worker with a cold cache", async () => {
    h = await openHarness(backend, {
      files: await expressRepo(),
      modes: { "src/routes/todos.js": "100755" },
      permissions: { [MAINTAINER.login]: "write" },
    });
    // Each job gets a forge with empty caches, as on another worker or after a restart.
    Object.defineProperty(h.deps, "blobs", { get: () => new Map() });
    const task = await taskWithPullRequest(h, 7);

    const files = h.github.git.filesAt("archon/issue-7");
    expect(files.get("src/routes/todos.js")).not.toBe(h.github.git.filesAt("master").get("src/routes/todos.js"));
    const modes = h.github.git.modesAt("archon/issue-7");
    expect(modes.get("src/routes/todos.js")).toBe("100755");
    const created = [...files.keys()].filter((path) => !h!.github.git.filesAt("master").has(path));
    expect(created.length).toBeGreaterThan(0);
    for (const path of created) expect(modes.get(path)).toBe("100644");
    // The steps recorded the mode, so the commit's job did not read the base tree again: one read
    // to plan, one per step.
    const steps = (task.snapshot as { steps: unknown[] }).steps.length;
    expect(h.github.count("GET", /\/git\/trees\/[^/]+$/)).toBe(1 + steps);
  });

  it("a task that reaches its pull request within the coalescing time gets one status comment showing it, and no edit", async () => {
    const edits: Record<string, number> = {};
    for (const [name, statusCoalesceMs] of [["each change", 0], ["coalesced", 5_000]] as const) {
      h = await openHarness(backend, {
        files: await expressRepo({ ".github/archon.yml": "requireApproval: false\n" }),
        permissions: { [MAINTAINER.login]: "write" },
        statusCoalesceMs,
      });
      await labelIssue(h, 7);
      expect(deadJobs(await h.drain())).toEqual([]);
      const task = await taskOf(h, 7);
      expect(task.status).toBe("pr_open");
      const comments = h.github.commentsOn(7).filter((c) => c.user.type === "Bot");
      expect(comments).toHaveLength(1);
      expect(comments[0]!.body).toContain(h.github.pulls.get(100)!.html_url);
      expect(h.github.count("POST", /\/issues\/7\/comments$/)).toBe(1);
      edits[name] = h.github.count("PATCH", /\/issues\/comments\/\d+$/);
      // Archon's check run, written by the same job, shows the end too.
      expect(h.github.checkRuns.filter((r) => r.name === "Archon").map((r) => r.head_sha)).toEqual([task.head_sha]);
      await h.close();
      h = undefined;
    }
    // From label to pull request well within 5 s: the comment, created once the task is 5 s old,
    // shows the pull request from the start.
    expect(edits.coalesced).toBe(0);
    expect(edits["each change"]).toBeGreaterThan(1);
  });

  /** The target repository's CI finished on `headSha`: its check run exists, then its webhook arrives. */
  async function ciFinished(h: Harness, headSha: string, conclusion: "success" | "failure", annotations: FakeAnnotation[] = []) {
    const run = h.github.addCheckRun({
      name: "test", head_sha: headSha, external_id: null, status: "completed", conclusion,
      output: { title: conclusion === "success" ? "All tests passed" : `${annotations.length} failed`, summary: "", text: null },
      app: { slug: "github-actions" }, annotations,
    });
    await h.deliver("check_run", checkRunPayload({ id: run.id, name: "test", headSha, branch: "archon/issue-7", conclusion, prNumber: 100 }));
    return h.drain();
  }

  async function openWith(config = "") {
    h = await openHarness(backend, {
      files: await expressRepo(config ? { ".github/archon.yml": config } : {}),
      permissions: { [MAINTAINER.login]: "write" },
      provider: createFixingProvider,
    });
    return h;
  }

  it("a red CI run with failure annotations gets a fix round: one new commit on the same branch, the same pull request", async () => {
    const h = await openWith();
    const opened = await taskWithPullRequest(h, 7);
    expect(deadJobs(await ciFinished(h, opened.head_sha, "failure", [failure()]))).toEqual([]);
    const task = await taskOf(h, 7);
    expect(task).toMatchObject({ status: "pr_open", fix_attempts: 1, pr_number: 100 });
    const head = h.github.git.refs.get("archon/issue-7")!;
    expect(head).not.toBe(opened.head_sha);
    expect(h.github.git.commits.get(head)?.parents).toEqual([opened.head_sha]);
    expect(task.head_sha).toBe(head);
    expect(h.github.count("POST", /\/git\/commits$/)).toBe(2);
    expect(h.github.count("POST", /\/pulls$/)).toBe(1);
    expect([...h.github.pulls.values()]).toHaveLength(1);
    // The same pull request, its body brought up to date with the fix round.
    expect(h.github.count("PATCH", /\/pulls\/100$/)).toBe(1);
    const ci = await h.db.selectFrom("ci_results").selectAll().execute();
    expect(ci).toHaveLength(1);
    expect(JSON.stringify(ci[0]!.failures)).toContain(FAILING_TEST);
    expect(h.github.git.filesAt("archon/issue-7").get("src/routes/todos.js")).toContain(`fix attempt 1: ${FAILING_TEST}`);
  });

  it("the built-in template provider says plainly that it cannot repair a red run", async () => {
    h = await openHarness(backend, { files: await expressRepo(), permissions: { [MAINTAINER.login]: "write" } });
    const opened = await taskWithPullRequest(h, 7);
    expect(deadJobs(await ciFinished(h, opened.head_sha, "failure", [failure()]))).toEqual([]);
    const task = await taskOf(h, 7);
    expect(task.error).toContain("cannot repair 1 failing test");
    expect(h.github.count("POST", /\/git\/commits$/)).toBe(1);
    expect(h.github.commentsOn(7).find((c) => c.body.includes("archon:status"))!.body).toContain(FAILING_TEST);
  });

  it("a green CI run marks the pull request ready for review and asks the configured reviewers", async () => {
    const h = await openWith("reviewers:\n  users: [octocat]\n");
    const opened = await taskWithPullRequest(h, 7);
    expect(deadJobs(await ciFinished(h, opened.head_sha, "success"))).toEqual([]);
    expect(await taskOf(h, 7)).toMatchObject({ status: "ready_for_review", fix_attempts: 0 });
    expect(h.github.pulls.get(100)).toMatchObject({ draft: false, reviewers: ["octocat"] });
    expect(h.github.graphql("markPullRequestReadyForReview")).toBe(1);
    expect(h.github.issueLabels.get(7)).toEqual(["archon:review"]);
    expect(h.github.count("POST", /\/git\/commits$/)).toBe(1);
  });

  it("a result for an older head is ignored", async () => {
    const h = await openWith();
    const opened = await taskWithPullRequest(h, 7);
    await ciFinished(h, opened.head_sha, "failure", [failure()]);
    const fixed = await taskOf(h, 7);
    const mark = h.github.requests.length;
    expect(deadJobs(await ciFinished(h, opened.head_sha, "failure", [failure("another test")]))).toEqual([]);
    const after = await taskOf(h, 7);
    expect(after).toMatchObject({ status: fixed.status, fix_attempts: 1, head_sha: fixed.head_sha });
    expect(h.github.requests.slice(mark).filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("when the fix attempts run out the task waits for a person, with a summary of what failed", async () => {
    const h = await openWith("maxFixAttempts: 1\n");
    const opened = await taskWithPullRequest(h, 7);
    await ciFinished(h, opened.head_sha, "failure", [failure()]);
    const fixed = await taskOf(h, 7);
    expect(fixed.fix_attempts).toBe(1);
    expect(deadJobs(await ciFinished(h, fixed.head_sha!, "failure", [failure()]))).toEqual([]);
    const task = await taskOf(h, 7);
    expect(task).toMatchObject({ status: "needs_attention", fix_attempts: 1 });
    expect(h.github.count("POST", /\/git\/commits$/)).toBe(2);
    const status = h.github.commentsOn(7).find((c) => c.body.includes("archon:status"))!;
    expect(status.body).toContain(FAILING_TEST);
    expect(h.github.issueLabels.get(7)).toEqual(["archon:failed"]);
  });

  it("a test already failing on the base branch is reported as pre-existing and spends no fix", async () => {
    const h = await openWith();
    h.github.addCheckRun({
      name: "test", head_sha: h.github.base.sha, external_id: null, status: "completed", conclusion: "failure",
      output: { title: "1 failed", summary: "", text: null }, app: { slug: "github-actions" }, annotations: [failure()],
    });
    const opened = await taskWithPullRequest(h, 7);
    expect(deadJobs(await ciFinished(h, opened.head_sha, "failure", [failure()]))).toEqual([]);
    const task = await taskOf(h, 7);
    expect(task.fix_attempts).toBe(0);
    expect(h.github.count("POST", /\/git\/commits$/)).toBe(1);
    const [ci] = await h.db.selectFrom("ci_results").selectAll().execute();
    expect(ci!.failures).toEqual([expect.objectContaining({ name: FAILING_TEST, preExisting: true })]);
  });

  it("a merged pull request finishes the task and records the decision in the knowledge base", async () => {
    const h = await openWith();
    const opened = await taskWithPullRequest(h, 7);
    await h.deliver("pull_request", pullRequestClosedPayload({ number: 100, branch: "archon/issue-7", headSha: opened.head_sha, merged: true }, MAINTAINER));
    expect(deadJobs(await h.drain())).toEqual([]);
    expect((await taskOf(h, 7)).status).toBe("done");
    const decisions = await h.db.selectFrom("documents").select(["kind", "title", "body"]).where("kind", "=", "decision").execute();
    expect(decisions).toHaveLength(1);
    expect(decisions[0]!.title).toContain("#100");
    expect(decisions[0]!.body).toContain("merged by @Codertocat");
  });
});
