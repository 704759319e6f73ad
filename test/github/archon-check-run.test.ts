import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/connect.js";
import { insertTask } from "../../src/db/task.repository.js";
import { ARCHON_CHECK_NAME, syncArchonCheckRun } from "../../src/github/archon-check-run.js";
import { snapshotOf } from "../../src/db/task-state.js";
import { openWithRepository, testDatabases } from "../support/databases.js";
import { type FakeGitHub, createFakeGitHub } from "../support/github-fake.js";
import { testOctokit } from "./octokit.js";

describe.each(testDatabases())("Archon's check run ($name)", (backend) => {
  let handle: DatabaseHandle;
  let repositoryId: string;
  let github: FakeGitHub | undefined;
  beforeAll(async () => {
    ({ handle, repositoryId } = await openWithRepository(backend, "Codertocat/Hello-World"));
  }, 300_000);
  afterAll(async () => handle.close());
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
    expect(github?.unexpected).toEqual([]);
    github = undefined;
  });

  function fakeGitHub(): FakeGitHub {
    nock.disableNetConnect();
    nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
    github = createFakeGitHub({ owner: "Codertocat", repo: "Hello-World", defaultBranch: "master", files: new Map([["README.md", "hi\n"]]) });
    github.intercept();
    return github;
  }

  async function taskAt(issue: number, headSha: string) {
    const { task } = await insertTask(handle.db, {
      installation_id: 7, repository_id: repositoryId, source: "issue", status: "received", issue_number: issue, title: `Task ${issue}`, requested_by: "octocat",
    });
    return { ...snapshotOf(task), status: "pr_open" as const, prNumber: 100, headSha };
  }

  it("two jobs writing it for a new head at the same moment create one run, while GitHub is slow to create it", async () => {
    const github = fakeGitHub();
    github.slowDown("POST", /\/check-runs$/, 300);
    const target = { octokit: testOctokit(), owner: "Codertocat", repo: "Hello-World" };
    const task = await taskAt(1, "c".repeat(40));
    const later = { ...task, status: "ready_for_review" as const };

    await Promise.all([syncArchonCheckRun(target, task, handle.db), syncArchonCheckRun(target, later, handle.db)]);

    const runs = github.checkRuns.filter((r) => r.name === ARCHON_CHECK_NAME);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ head_sha: "c".repeat(40), external_id: `archon-task-${task.id}` });
    expect(github.count("POST", /\/check-runs$/)).toBe(1);
  });

  it("a job writing the same state again sends nothing, and a new head gets a run of its own", async () => {
    const github = fakeGitHub();
    const target = { octokit: testOctokit(), owner: "Codertocat", repo: "Hello-World" };
    const task = await taskAt(2, "d".repeat(40));

    await syncArchonCheckRun(target, task, handle.db);
    await syncArchonCheckRun(target, task, handle.db);
    expect(github.requests).toHaveLength(1);
    await syncArchonCheckRun(target, { ...task, headSha: "e".repeat(40) }, handle.db);

    expect(github.checkRuns.map((r) => r.head_sha)).toEqual(["d".repeat(40), "e".repeat(40)]);
    expect(github.count("POST", /\/check-runs$/)).toBe(2);
  });

  it("a later state for the same head updates its run without looking it up", async () => {
    const github = fakeGitHub();
    const target = { octokit: testOctokit(), owner: "Codertocat", repo: "Hello-World" };
    const task = await taskAt(3, "f".repeat(40));

    await syncArchonCheckRun(target, task, handle.db);
    await syncArchonCheckRun(target, { ...task, status: "ready_for_review" }, handle.db);

    expect(github.requests.map((r) => r.method)).toEqual(["POST", "PATCH"]);
    const runs = github.checkRuns.filter((r) => r.head_sha === "f".repeat(40));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "completed", conclusion: "success" });
  });
});
