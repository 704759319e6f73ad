import { describe, expect, it } from "vitest";
import { testDatabases } from "../support/databases.js";
import type { Harness } from "../support/github-harness.js";
import type { FakeAnnotation } from "../support/github-fake.js";
import { createFixingProvider } from "../support/github-fixing-provider.js";
import { checkRunPayload } from "../support/webhook-payloads.js";
import { checkSuitePayload, review, statusComment, workflowRunPayload } from "./events.js";
import { MAINTAINER, STRANGER, deadJobs, expressRepo, harnessPerTest, taskOf, taskWithPullRequest } from "./setup.js";

const FAILING_TEST = "GET /todos/:id answers 404 for a missing todo";

function failure(): FakeAnnotation {
  return {
    path: "tests/todos.test.js", start_line: 12, end_line: 12, annotation_level: "failure",
    title: FAILING_TEST, message: "expected 404 \"Not Found\", got 500 \"Internal Server Error\"", raw_details: null,
  };
}

const REVIEW = "Please answer 400 when the id is not a number.\n\nThe rest looks fine.";

describe.each(testDatabases())("CI suites, workflow runs and reviews on Archon's pull request ($name)", (backend) => {
  const openFor = harnessPerTest(backend);

  async function open(config = "reviewers:\n  users: [octocat]\n") {
    return openFor({
      files: await expressRepo({ ".github/archon.yml": config }),
      permissions: { [MAINTAINER.login]: "write", [STRANGER.login]: "read" },
      provider: createFixingProvider,
    });
  }

  function expectReadyForReview(h: Harness) {
    expect(h.github.pulls.get(100)).toMatchObject({ draft: false, reviewers: ["octocat"] });
    expect(h.github.graphql("markPullRequestReadyForReview")).toBe(1);
    expect(h.github.issueLabels.get(7)).toEqual(["archon:review"]);
    expect(statusComment(h, 7).body).toContain("Ready for review");
  }

  it("a green `check_suite.completed` on archon/issue-7 marks the pull request ready for review", async () => {
    const h = await open();
    const opened = await taskWithPullRequest(h, 7);
    await h.deliver("check_suite", checkSuitePayload({ id: 501, headSha: opened.head_sha, branch: "archon/issue-7", conclusion: "success", prNumber: 100 }));
    expect(deadJobs(await h.drain())).toEqual([]);
    expect(await taskOf(h, 7)).toMatchObject({ status: "ready_for_review", fix_attempts: 0 });
    expectReadyForReview(h);
    const [ci] = await h.db.selectFrom("ci_results").selectAll().execute();
    expect(ci).toMatchObject({ source: "check_suite", conclusion: "success", head_sha: opened.head_sha });
  });

  it("a green `workflow_run.completed` on archon/issue-7 marks the pull request ready for review", async () => {
    const h = await open();
    const opened = await taskWithPullRequest(h, 7);
    await h.deliver("workflow_run", workflowRunPayload({ id: 601, headSha: opened.head_sha, branch: "archon/issue-7", conclusion: "success", prNumber: 100 }));
    expect(deadJobs(await h.drain())).toEqual([]);
    expect(await taskOf(h, 7)).toMatchObject({ status: "ready_for_review", fix_attempts: 0 });
    expectReadyForReview(h);
  });

  it("the check run, its suite and its workflow run of one green CI move the task once", async () => {
    const h = await open();
    const opened = await taskWithPullRequest(h, 7);
    const run = h.github.addCheckRun({
      name: "test", head_sha: opened.head_sha, external_id: null, status: "completed", conclusion: "success",
      output: { title: "All tests passed", summary: "", text: null }, app: { slug: "github-actions" },
    });
    await h.deliver("check_run", checkRunPayload({ id: run.id, name: "test", headSha: opened.head_sha, branch: "archon/issue-7", conclusion: "success", prNumber: 100 }));
    await h.deliver("check_suite", checkSuitePayload({ id: 502, headSha: opened.head_sha, branch: "archon/issue-7", conclusion: "success", prNumber: 100 }));
    await h.deliver("workflow_run", workflowRunPayload({ id: 602, headSha: opened.head_sha, branch: "archon/issue-7", conclusion: "success", prNumber: 100 }));
    expect(deadJobs(await h.drain())).toEqual([]);
    expect((await taskOf(h, 7)).status).toBe("ready_for_review");
    expectReadyForReview(h);
    expect(h.github.count("POST", /\/pulls\/100\/requested_reviewers$/)).toBe(1);
  });

  it.each(["check_suite", "workflow_run"] as const)("a red `%s.completed` fixes the failures its check runs report", async (source) => {
    const h = await open();
    const opened = await taskWithPullRequest(h, 7);
    h.github.addCheckRun({
      name: "test", head_sha: opened.head_sha, external_id: null, status: "completed", conclusion: "failure",
      output: { title: "1 failed", summary: "", text: null }, app: { slug: "github-actions" }, annotations: [failure()],
    });
    const ci = { id: 504, headSha: opened.head_sha, branch: "archon/issue-7", conclusion: "failure", prNumber: 100 };
    await h.deliver(source, source === "check_suite" ? checkSuitePayload(ci) : workflowRunPayload(ci));
    expect(deadJobs(await h.drain())).toEqual([]);
    expect(await taskOf(h, 7)).toMatchObject({ status: "pr_open", fix_attempts: 1 });
    expect(h.github.git.filesAt("archon/issue-7").get("src/routes/todos.js")).toContain(`fix attempt 1: ${FAILING_TEST}`);
    const [result] = await h.db.selectFrom("ci_results").selectAll().execute();
    expect(result).toMatchObject({ source, conclusion: "failure", failed: 1 });
    expect(JSON.stringify(result!.failures)).toContain(FAILING_TEST);
  });

  it("the check run, suite and workflow run of one red CI, arriving together, make one fix round that knows the failures", async () => {
    const h = await open();
    const opened = await taskWithPullRequest(h, 7);
    const run = h.github.addCheckRun({
      name: "test", head_sha: opened.head_sha, external_id: null, status: "completed", conclusion: "failure",
      output: { title: "1 failed", summary: "", text: null }, app: { slug: "github-actions" }, annotations: [failure()],
    });
    await h.deliver("workflow_run", workflowRunPayload({ id: 605, headSha: opened.head_sha, branch: "archon/issue-7", conclusion: "failure", prNumber: 100 }));
    await h.deliver("check_suite", checkSuitePayload({ id: 505, headSha: opened.head_sha, branch: "archon/issue-7", conclusion: "failure", prNumber: 100 }));
    await h.deliver("check_run", checkRunPayload({ id: run.id, name: "test", headSha: opened.head_sha, branch: "archon/issue-7", conclusion: "failure", prNumber: 100 }));
    expect(deadJobs(await h.drain())).toEqual([]);
    expect(await taskOf(h, 7)).toMatchObject({ status: "pr_open", fix_attempts: 1 });
    expect(h.github.count("POST", /\/git\/commits$/)).toBe(2);
    expect(h.github.git.filesAt("archon/issue-7").get("src/routes/todos.js")).toContain(`fix attempt 1: ${FAILING_TEST}`);
  });

  it("CI on a branch that is not Archon's is ignored at the door", async () => {
    const h = await open();
    await h.deliver("workflow_run", workflowRunPayload({ id: 603, headSha: "a".repeat(40), branch: "feature/x", conclusion: "success", prNumber: 3 }));
    await h.deliver("check_suite", checkSuitePayload({ id: 503, headSha: "a".repeat(40), branch: "feature/x", conclusion: "failure", prNumber: 3 }));
    expect(await h.jobs()).toEqual([]);
    expect(await h.db.selectFrom("webhook_deliveries").select(["event", "outcome"]).orderBy("event").execute()).toEqual([
      { event: "check_suite", outcome: "ignored" },
      { event: "workflow_run", outcome: "ignored" },
    ]);
  });

  it("a review requesting changes, by a collaborator, is a fix round with the review text as the request", async () => {
    const h = await open();
    const opened = await taskWithPullRequest(h, 7);
    await review(h, { number: 100, headSha: opened.head_sha }, "changes_requested", REVIEW);
    expect(deadJobs(await h.drain())).toEqual([]);
    const task = await taskOf(h, 7);
    // A reviewer's request spends none of CI's fix attempts.
    expect(task).toMatchObject({ status: "pr_open", fix_attempts: 0, pr_number: 100 });
    const head = h.github.git.refs.get("archon/issue-7")!;
    expect(head).not.toBe(opened.head_sha);
    expect(h.github.git.commits.get(head)?.parents).toEqual([opened.head_sha]);
    expect(task.head_sha).toBe(head);
    expect(h.github.git.filesAt("archon/issue-7").get("src/routes/todos.js")).toContain("asked: Please answer 400 when the id is not a number.");
    expect([...h.github.pulls.values()]).toHaveLength(1);
  });

  it.each([
    ["an approving review", "approved", REVIEW, MAINTAINER],
    ["a plain review comment", "commented", REVIEW, MAINTAINER],
    ["changes requested with no text", "changes_requested", "", MAINTAINER],
    ["changes requested by someone without write access", "changes_requested", REVIEW, STRANGER],
  ])("%s starts no fix round", async (_name, state, body, reviewer) => {
    const h = await open();
    const opened = await taskWithPullRequest(h, 7);
    await review(h, { number: 100, headSha: opened.head_sha }, state, body, reviewer);
    expect(deadJobs(await h.drain())).toEqual([]);
    expect(await taskOf(h, 7)).toMatchObject({ status: "pr_open", head_sha: opened.head_sha });
    expect(h.github.count("POST", /\/git\/commits$/)).toBe(1);
  });
});
