import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { checkRunPayload, issuesPayload } from "../support/webhook-payloads.js";
import type { Fault } from "./support/fake-github-server.js";
import { waitFor } from "./support/services.js";
import { MAINTAINER, TASK_TITLE, type World, deadJobs, openWorld } from "./support/world.js";

/** Whether the worker has finished the job of a webhook delivery. */
async function processed(w: World, guid: string): Promise<boolean> {
  const rows = await w.query<{ state: string }>("select state from jobs where payload->>'deliveryId' = $1", [guid]);
  return rows.length > 0 && rows.every((r) => r.state === "done");
}

function statusComment(w: World, number: number) {
  return w.github.github.commentsOn(number).find((c) => c.user.type === "Bot" && c.body.includes("<!-- archon:status"));
}

describe("events out of order", () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it("CI finishes on the branch's head while the job opening the pull request waits on GitHub, then fails after GitHub opened it: once the job runs again, the task is ready for review", async () => {
    world = await openWorld();
    const w = world;
    const gh = w.github.github;
    await w.start(["serve", "--no-worker"]);
    await w.start(["worker"]);
    await w.start(["worker"]);
    await w.label(7).send();
    await waitFor("the plan", async () => (await w.task(7))[0]?.status === "awaiting_approval", 90_000);

    // The first `POST /pulls` waits until the CI delivery has been processed, then GitHub opens
    // the pull request and answers 502: the job fails after the write and runs again.
    let ciProcessed!: () => void;
    const ciDone = new Promise<void>((resolve) => (ciProcessed = resolve));
    let held = false;
    let failed = false;
    const holdPullRequest: Fault = ({ method, path }) => {
      if (held || method !== "POST" || !path.endsWith("/pulls")) return undefined;
      held = true;
      return { hold: ciDone };
    };
    const failAfterWrite: Fault = ({ method, path }) => {
      if (failed || method !== "POST" || !path.endsWith("/pulls")) return undefined;
      failed = true;
      return { after: { status: 502, body: { message: "Server Error" } } };
    };
    w.github.inject(holdPullRequest);
    w.github.inject(failAfterWrite);

    await w.comment(7, "/archon approve");
    await waitFor("the pull request job to reach GitHub", () => held, 90_000);
    // The commit is on the branch, so the repository's CI runs on it and passes.
    const head = gh.git.refs.get("archon/issue-7")!;
    const run = gh.addCheckRun({
      name: "test", head_sha: head, external_id: null, status: "completed", conclusion: "success",
      output: { title: "All tests passed", summary: "", text: null }, app: { slug: "github-actions" },
    });
    const guid = randomUUID();
    expect(await w.github.deliver("check_run", checkRunPayload({ id: run.id, name: "test", headSha: head, branch: "archon/issue-7", conclusion: "success" }), guid)).toBeLessThan(300);
    await waitFor("the CI delivery to be processed", () => processed(w, guid), 60_000);
    expect(await w.task(7)).toMatchObject([{ status: "running", pr_number: null }]);
    expect(await w.query("select head_sha, conclusion from ci_results")).toEqual([{ head_sha: head, conclusion: "success" }]);

    ciProcessed();
    await waitFor("the task to be ready for review", async () => (await w.task(7))[0]?.status === "ready_for_review", 90_000);
    const jobs = await w.settle();
    expect(failed).toBe(true);
    expect(deadJobs(jobs)).toEqual([]);
    // As if CI had come after the pull request was recorded.
    expect(await w.task(7)).toMatchObject([{ status: "ready_for_review", pr_number: 100, head_sha: head, error: null }]);
    expect([...gh.pulls.values()].map((p) => ({ number: p.number, draft: p.draft }))).toEqual([{ number: 100, draft: false }]);
    expect(gh.count("POST", /\/git\/commits$/)).toBe(1);
    expect(gh.issueLabels.get(7)).toEqual(["archon:review"]);
    expect(statusComment(w, 7)?.body).toContain("Ready for review");
  });

  /**
   * Delivers `undo` (a removal of the label, a close) and waits until it is processed, then
   * delivers the labeling it undoes: the task ends cancelled, its status comment says so, and
   * the issue carries no Archon label.
   */
  async function undoProcessedFirst(w: World, issue: number, undo: { name: string; payload: object }, labeled: object) {
    const id = randomUUID();
    expect(await w.github.deliver("issues", undo.payload, id)).toBeLessThan(300);
    await waitFor(`${undo.name} to be processed`, () => processed(w, id), 60_000);
    expect(await w.github.deliver("issues", labeled)).toBeLessThan(300);
    const jobs = await w.settle();

    expect(deadJobs(jobs)).toEqual([]);
    expect(await w.task(issue)).toMatchObject([{ status: "cancelled" }]);
    expect(statusComment(w, issue)?.body).toContain("Cancelled");
    expect(w.github.github.issueLabels.get(issue) ?? []).toEqual([]);
  }

  it("the task label's removal delivered and processed before its labeling: no task is left running", async () => {
    world = await openWorld();
    const w = world;
    await w.start(["serve"]);
    const labeled = issuesPayload("labeled", { number: 8, title: TASK_TITLE, labels: ["archon"] }, MAINTAINER, "archon");
    const unlabeled = issuesPayload("unlabeled", { number: 8, title: TASK_TITLE, labels: [] }, MAINTAINER, "archon");

    // As labeling then removing.
    await undoProcessedFirst(w, 8, { name: "the removal", payload: unlabeled }, labeled);
  });

  it("the issue's close delivered and processed before the labeling that came before it: no task is left running", async () => {
    world = await openWorld();
    const w = world;
    await w.start(["serve"]);
    const labeled = issuesPayload("labeled", { number: 9, title: TASK_TITLE, labels: ["archon"] }, MAINTAINER, "archon");
    // GitHub's examples have no issues.closed: the edited one, closed a second after the labeling.
    const closed = issuesPayload("edited", { number: 9, title: TASK_TITLE, labels: ["archon"] }, MAINTAINER);
    closed.action = "closed";
    closed.issue.state = "closed";
    delete closed.changes;

    // As labeling then closing.
    await undoProcessedFirst(w, 9, { name: "the close", payload: closed }, labeled);
  });
});
