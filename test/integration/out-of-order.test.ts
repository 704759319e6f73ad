import { describe, expect, it } from "vitest";
import type { DomainEvent } from "../../src/webhooks/domain-event.js";
import { handleGitHubEvent } from "../../src/worker/handle-github-event.js";
import { testDatabases } from "../support/databases.js";
import type { Harness } from "../support/github-harness.js";
import { BOT, type FakeAnnotation } from "../support/github-fake.js";
import { createFixingProvider } from "../support/github-fixing-provider.js";
import { checkRunPayload, commentPayload, pullRequestClosedPayload } from "../support/webhook-payloads.js";
import { issueEventPayload, review } from "./events.js";
import { MAINTAINER, TASK_TITLE, comment, deadJobs, expressRepo, harnessPerTest, plannedTask, taskWithPullRequest } from "./setup.js";

const FAILING_TEST = "GET /todos/:id answers 404 for a missing todo";

function failure(): FakeAnnotation {
  return {
    path: "tests/todos.test.js", start_line: 12, end_line: 12, annotation_level: "failure",
    title: FAILING_TEST, message: "expected 404 \"Not Found\", got 500 \"Internal Server Error\"", raw_details: null,
  };
}

/** Everything a person could see of issue 7 and its task once the flow is over. */
async function finalState(h: Harness) {
  const tasks = await h.db
    .selectFrom("tasks")
    .select(["id", "status", "fix_attempts", "pr_number", "head_sha", "error"])
    .where("issue_number", "=", 7)
    .orderBy("id")
    .execute();
  return {
    tasks,
    labels: h.github.issueLabels.get(7) ?? [],
    // Check runs and comments share the fake's id counter, so a run's id depends on timing.
    comments: h.github.commentsOn(7).map((c) => c.body.replace(/\/runs\/\d+/g, "/runs/N")),
    pullRequestComments: h.github.commentsOn(100).map((c) => c.body),
    reactions: h.github.reactions.map((r) => r.content).sort(),
    pulls: [...h.github.pulls.values()].map((p) => ({ number: p.number, head: p.head, draft: p.draft, state: p.state, reviewers: p.reviewers })),
    commits: h.github.count("POST", /\/git\/commits$/),
    route: h.github.git.refs.has("archon/issue-7") ? h.github.git.filesAt("archon/issue-7").get("src/routes/todos.js") : null,
    dead: deadJobs(await h.jobs()),
  };
}

/** A CI run of the repository's workflow on `headSha`, finished with `conclusion`, as a check run. */
function addCiRun(h: Harness, headSha: string, conclusion: "success" | "failure") {
  const red = conclusion === "failure";
  const run = h.github.addCheckRun({
    name: "test", head_sha: headSha, external_id: null, status: "completed", conclusion,
    output: { title: red ? "1 failed" : "All tests passed", summary: "", text: null },
    app: { slug: "github-actions" }, annotations: red ? [failure()] : [],
  });
  return checkRunPayload({ id: run.id, name: "test", headSha, branch: "archon/issue-7", conclusion, prNumber: 100 });
}

/**
 * Holds the pull request job right after GitHub answered its `POST /pulls`: the pull request
 * exists on GitHub, its CI can finish, and Archon has not recorded it yet.
 */
function holdAfterOpeningPullRequest(h: Harness) {
  let arrive!: () => void;
  let release!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const github = h.deps.github;
  h.deps.github = async (installationId) => {
    const octokit = await github(installationId);
    octokit.hook.after("request", async (_response, options) => {
      if (options.method !== "POST" || !/\/pulls$/.test(options.url)) return;
      arrive();
      await released;
    });
    return octokit;
  };
  return { arrived, release };
}

/**
 * A comment on pull request 100: GitHub sends it as a comment on an issue that is a pull request,
 * with the pull request's title, body and author.
 */
async function commentOnPullRequest(h: Harness, body: string) {
  const pull = h.github.pulls.get(100)!;
  const c = h.github.addComment(100, body, { login: MAINTAINER.login, type: "User" });
  const payload = commentPayload("created", 100, { id: c.id, body }, MAINTAINER);
  payload.issue.pull_request = { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/100" };
  payload.issue.title = pull.title;
  payload.issue.body = pull.body;
  payload.issue.user = { ...payload.issue.user, login: BOT.login, type: BOT.type };
  return h.deliver("issue_comment", payload);
}

async function jobDone(h: Harness, deliveryId: string) {
  for (let tries = 0; tries < 400; tries++) {
    const job = (await h.jobs()).find((j) => (j.payload as { deliveryId?: string }).deliveryId === deliveryId);
    if (job?.state === "done" || job?.state === "dead") return job.state;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the job of delivery ${deliveryId} did not finish`);
}

describe.each(testDatabases())("events out of order end as they would in order ($name)", (backend) => {
  const openFor = harnessPerTest(backend);

  async function open() {
    return openFor({
      files: await expressRepo({ ".github/archon.yml": "reviewers:\n  users: [octocat]\n" }),
      permissions: { [MAINTAINER.login]: "write" },
      provider: createFixingProvider,
    });
  }

  /** Delivers `events` in `order` on a fresh harness, each processed before the next arrives. */
  async function run<Name extends string>(order: Name[], events: Record<Name, object>) {
    const h = await open();
    for (const name of order) {
      await h.deliver("issues", events[name]);
      await h.drain();
    }
    return finalState(h);
  }

  describe.each([
    ["green", "success", { status: "ready_for_review", fix_attempts: 0 }],
    ["red", "failure", { status: "pr_open", fix_attempts: 1 }],
  ] as const)("%s CI of the pull request's head", (_name, conclusion, expected) => {
    async function ordered() {
      const h = await open();
      const opened = await taskWithPullRequest(h, 7);
      await h.deliver("check_run", addCiRun(h, opened.head_sha, conclusion));
      await h.drain();
      return finalState(h);
    }

    it("processed before the pull request job recorded the pull request, it counts once the job does", async () => {
      const inOrder = await ordered();
      expect(inOrder.tasks).toMatchObject([expected]);
      expect(inOrder.dead).toEqual([]);

      const h = await open();
      await plannedTask(h, 7);
      const hold = holdAfterOpeningPullRequest(h);
      await comment(h, 7, "/archon approve");
      const drained = h.drain();
      await hold.arrived;
      const head = h.github.git.refs.get("archon/issue-7")!;
      const delivery = await h.deliver("check_run", addCiRun(h, head, conclusion));
      expect(await jobDone(h, delivery)).toBe("done");
      // The race happened: the CI result is recorded, the task knows no pull request yet.
      const [waiting] = await h.db.selectFrom("tasks").select(["status", "pr_number"]).execute();
      expect(waiting).toEqual({ status: "running", pr_number: null });
      expect(await h.db.selectFrom("ci_results").select(["head_sha", "conclusion"]).execute()).toEqual([{ head_sha: head, conclusion }]);

      hold.release();
      await drained;
      expect(await finalState(h)).toEqual(inOrder);

      // The same check run sent again changes nothing.
      await h.deliver("check_run", checkRunPayload({ id: h.github.checkRuns[0]!.id, name: "test", headSha: head, branch: "archon/issue-7", conclusion, prNumber: 100 }));
      await h.drain();
      expect(await finalState(h)).toEqual(inOrder);
    });
  });

  it("two red results of one head make one fix round, and neither counts again once the fix's head is recorded", async () => {
    const h = await open();
    const opened = await taskWithPullRequest(h, 7);
    // The second is recorded but set aside (a fix round is under way, or its head is stale), and
    // the fix's pull request event must not take it for a result of the new head.
    await h.deliver("check_run", addCiRun(h, opened.head_sha, "failure"));
    await h.deliver("check_run", addCiRun(h, opened.head_sha, "failure"));
    await h.drain();
    const state = await finalState(h);
    expect(state.tasks).toMatchObject([{ status: "pr_open", fix_attempts: 1 }]);
    expect(state.tasks[0]!.head_sha).not.toBe(opened.head_sha);
    expect(state.commits).toBe(2);
    expect(await h.db.selectFrom("ci_results").select(["head_sha"]).execute()).toEqual([{ head_sha: opened.head_sha }, { head_sha: opened.head_sha }]);
  });

  describe.each([
    ["merged", (h: Harness, head: string) => h.deliver("pull_request", pullRequestClosedPayload({ number: 100, branch: "archon/issue-7", headSha: head, merged: true }, MAINTAINER)), { status: "done", commits: 1 }],
    ["closed unmerged", (h: Harness, head: string) => h.deliver("pull_request", pullRequestClosedPayload({ number: 100, branch: "archon/issue-7", headSha: head, merged: false }, MAINTAINER)), { status: "cancelled", commits: 1 }],
    ["reviewed with changes requested", (h: Harness, head: string) => review(h, { number: 100, headSha: head }, "changes_requested", "Please answer 400 when the id is not a number."), { status: "pr_open", commits: 2 }],
    ["asked for a fix in a comment", (h: Harness) => commentOnPullRequest(h, "/archon fix answer 400 when the id is not a number"), { status: "pr_open", commits: 2 }],
  ] as const)("the pull request %s", (_name, send, { status, commits }) => {
    it("before the pull request job recorded it, ends as once the job had", async () => {
      const h1 = await open();
      const opened = await taskWithPullRequest(h1, 7);
      await send(h1, opened.head_sha);
      await h1.drain();
      const inOrder = await finalState(h1);
      // A fix round (asked for by the review or the comment) makes a second commit.
      expect(inOrder).toMatchObject({ tasks: [{ status, pr_number: 100 }], commits, dead: [] });

      const h = await open();
      await plannedTask(h, 7);
      const hold = holdAfterOpeningPullRequest(h);
      await comment(h, 7, "/archon approve");
      const drained = h.drain();
      await hold.arrived;
      const delivery = await send(h, h.github.git.refs.get("archon/issue-7")!);
      expect(await jobDone(h, delivery)).toBe("done");
      // The race happened: the event is processed, the task knows no pull request yet.
      expect(await h.db.selectFrom("tasks").select(["status", "pr_number"]).execute()).toEqual([{ status: "running", pr_number: null }]);

      hold.release();
      await drained;
      expect(await finalState(h)).toEqual(inOrder);

      // The delivery's job run again (its worker died before acknowledging it) changes nothing.
      const job = (await h.jobs()).find((j) => (j.payload as { deliveryId?: string }).deliveryId === delivery)!;
      await handleGitHubEvent(h.deps, delivery, (job.payload as { event: DomainEvent }).event);
      await h.drain();
      expect(await finalState(h)).toEqual(inOrder);
    });
  });

  describe("the task label removed and added", () => {
    function labelEvents(times: { labeled?: string; unlabeled?: string } = {}) {
      const issue = { number: 7, title: TASK_TITLE };
      return {
        labeled: issueEventPayload("labeled", { ...issue, labels: ["archon"], updatedAt: times.labeled }, MAINTAINER, "archon"),
        unlabeled: issueEventPayload("unlabeled", { ...issue, labels: [], updatedAt: times.unlabeled }, MAINTAINER, "archon"),
      };
    }

    it("a removal processed before the labeling it undoes leaves the issue as labeling then removing would", async () => {
      const inOrder = await run(["labeled", "unlabeled"], labelEvents());
      expect(inOrder.tasks).toMatchObject([{ status: "cancelled" }]);
      expect(inOrder.labels).toEqual([]);
      expect(inOrder.comments).toHaveLength(1);
      expect(inOrder.comments[0]).toContain("Cancelled");
      expect(inOrder.dead).toEqual([]);

      expect(await run(["unlabeled", "labeled"], labelEvents())).toEqual(inOrder);
    });

    it("a removal and a labeling in the same second end the same whichever is processed first: the removal stands", async () => {
      const at = "2026-02-01T10:00:00Z";
      const first = await run(["labeled", "unlabeled"], labelEvents({ labeled: at, unlabeled: at }));
      expect(first.tasks).toMatchObject([{ status: "cancelled" }]);
      expect(await run(["unlabeled", "labeled"], labelEvents({ labeled: at, unlabeled: at }))).toEqual(first);
    });

    it("the labeling's job run again after its task was cancelled starts no second task", async () => {
      const events = labelEvents();
      const h = await open();
      const labeled = await h.deliver("issues", events.labeled);
      await h.drain();
      await h.deliver("issues", events.unlabeled);
      await h.drain();
      const before = await finalState(h);
      expect(before.tasks).toMatchObject([{ status: "cancelled" }]);

      // Its worker died before acknowledging it, and the job runs once more.
      const job = (await h.jobs()).find((j) => (j.payload as { deliveryId?: string }).deliveryId === labeled)!;
      await handleGitHubEvent(h.deps, labeled, (job.payload as { event: DomainEvent }).event);
      await h.drain();
      expect(await finalState(h)).toEqual(before);
    });

    it("a removal from before the labeling, processed after it, leaves the labeling's task alone", async () => {
      const events = labelEvents({ unlabeled: "2026-02-01T10:00:00Z", labeled: "2026-02-01T10:00:05Z" });
      const inOrder = await run(["unlabeled", "labeled"], events);
      expect(inOrder.tasks).toMatchObject([{ status: "awaiting_approval" }]);
      expect(inOrder.labels).toEqual(["archon:planned"]);
      expect(await run(["labeled", "unlabeled"], events)).toEqual(inOrder);
    });
  });

  describe("the issue closed and labeled", () => {
    it("a close processed before the labeling that came before it leaves the issue as labeling then closing would", async () => {
      const issue = { number: 7, title: TASK_TITLE };
      const events = {
        labeled: issueEventPayload("labeled", { ...issue, labels: ["archon"], updatedAt: "2026-02-01T10:00:00Z" }, MAINTAINER, "archon"),
        closed: issueEventPayload("closed", { ...issue, labels: ["archon"], updatedAt: "2026-02-01T10:00:05Z" }, MAINTAINER),
      };
      const inOrder = await run(["labeled", "closed"], events);
      expect(inOrder.tasks).toMatchObject([{ status: "cancelled" }]);
      expect(inOrder.labels).toEqual([]);
      expect(inOrder.comments).toHaveLength(1);
      expect(inOrder.comments[0]).toContain("Cancelled");
      expect(inOrder.dead).toEqual([]);

      expect(await run(["closed", "labeled"], events)).toEqual(inOrder);
    });

    it("a labeling whose payload says the issue is closed ends the same whichever is processed first: no task runs", async () => {
      const issue = { number: 7, title: TASK_TITLE };
      const labeled = issueEventPayload("labeled", { ...issue, labels: ["archon"], updatedAt: "2026-02-01T10:00:05Z" }, MAINTAINER, "archon");
      labeled.issue.state = "closed";
      const events = { closed: issueEventPayload("closed", { ...issue, labels: [], updatedAt: "2026-02-01T10:00:00Z" }, MAINTAINER), labeled };
      const inOrder = await run(["closed", "labeled"], events);
      expect(inOrder.tasks).toMatchObject([{ status: "cancelled" }]);
      expect(inOrder.labels).toEqual([]);
      expect(await run(["labeled", "closed"], events)).toEqual(inOrder);
    });
  });
});
