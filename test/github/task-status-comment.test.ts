import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/connect.js";
import { getTask, insertTask } from "../../src/db/task.repository.js";
import { insertJob } from "../../src/db/job.repository.js";
import { claimFirstAttempt } from "../../src/db/effect.repository.js";
import { snapshotOf } from "../../src/db/task-state.js";
import { JobDeferred } from "../../src/queue/job-handler.js";
import { forgetStatusCommentText, hasNewerStatusJob, upsertStatusComment } from "../../src/github/task-status-comment.js";
import { openWithRepository, testDatabases } from "../support/databases.js";
import { API, testOctokit, useNock } from "./octokit.js";

const bot = { login: "archon[bot]", type: "Bot" };

describe.each(testDatabases())("the first status comment ($name)", (backend) => {
  useNock();
  let handle: DatabaseHandle;
  let repositoryId: string;
  beforeAll(async () => {
    ({ handle, repositoryId } = await openWithRepository(backend));
  }, 300_000);
  afterAll(async () => handle.close());

  async function newTask(issue: number) {
    const { task } = await insertTask(handle.db, {
      installation_id: 7, repository_id: repositoryId, source: "issue", status: "received", issue_number: issue, title: `Task ${issue}`, requested_by: "octocat",
    });
    return task;
  }
  const target = { octokit: testOctokit(), owner: "acme", repo: "api" };

  it("is created without a look-up when no attempt to create it ever started", async () => {
    const task = await newTask(1);
    const scope = nock(API)
      .post("/repos/acme/api/issues/1/comments")
      .reply(201, (_uri, body) => ({ id: 51, body: (body as { body: string }).body, user: bot, html_url: "https://github.com/c/51" }));

    await upsertStatusComment({ db: handle.db }, task, target, 1, snapshotOf(task));

    expect(String((await getTask(handle.db, task.id))?.status_comment_id)).toBe("51");
    scope.done();
  });

  it("is looked for by its marker first when an earlier attempt started (its job may have died after GitHub made it)", async () => {
    const task = await newTask(2);
    await claimFirstAttempt(handle.db, `status-comment:${task.id}:create`, task.id, "status_comment_create");
    const scope = nock(API)
      .get("/repos/acme/api/issues/2/comments")
      .query(true)
      .reply(200, [{ id: 52, body: `old text\n\n<!-- archon:status task=${task.id} -->`, user: bot, html_url: "https://github.com/c/52" }])
      .patch("/repos/acme/api/issues/comments/52")
      .reply(200, { id: 52, body: "new", user: bot, html_url: "https://github.com/c/52" });

    await upsertStatusComment({ db: handle.db }, task, target, 2, snapshotOf(task));

    expect(String((await getTask(handle.db, task.id))?.status_comment_id)).toBe("52");
    scope.done();
  });

  it("the comment is created once the task is the coalescing time old; an edit sooner than that after Archon's last write waits for it; a later one, or one after a person's edit, goes out at once", async () => {
    const task = await newTask(4);
    // The task was created just now: its comment waits until it is 60 s old.
    const early = await upsertStatusComment({ db: handle.db }, task, target, 4, snapshotOf(task), { coalesceMs: 60_000 }).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(JobDeferred);
    expect((early as JobDeferred).delayMs).toBeGreaterThan(50_000);
    await handle.db.updateTable("tasks").set({ created_at: new Date(Date.now() - 61_000) }).where("id", "=", String(task.id)).execute();
    const scope = nock(API)
      .post("/repos/acme/api/issues/4/comments")
      .reply(201, (_uri, body) => ({ id: 54, body: (body as { body: string }).body, user: bot, html_url: "https://github.com/c/54" }));
    await upsertStatusComment({ db: handle.db }, task, target, 4, snapshotOf(task), { coalesceMs: 60_000 });
    scope.done();
    const created = (await getTask(handle.db, task.id))!;
    const running = { ...snapshotOf(created), status: "running" as const };

    const deferred = await upsertStatusComment({ db: handle.db }, created, target, 4, running, { coalesceMs: 60_000 }).catch((e: unknown) => e);
    expect(deferred).toBeInstanceOf(JobDeferred);
    expect((deferred as JobDeferred).delayMs).toBeGreaterThan(50_000);
    expect((deferred as JobDeferred).delayMs).toBeLessThanOrEqual(60_000);
    // Unchanged text costs nothing and never waits.
    await upsertStatusComment({ db: handle.db }, created, target, 4, snapshotOf(created), { coalesceMs: 60_000 });

    // The time is up: the edit goes out.
    await handle.db.updateTable("effects").set({ created_at: new Date(Date.now() - 61_000) }).where("key", "=", `status-comment:${task.id}`).execute();
    const edits: string[] = [];
    const edit = () =>
      nock(API)
        .patch("/repos/acme/api/issues/comments/54")
        .reply(200, (_uri, body) => {
          edits.push((body as { body: string }).body);
          return { id: 54, body: (body as { body: string }).body, user: bot, html_url: "https://github.com/c/54" };
        });
    const first = edit();
    await upsertStatusComment({ db: handle.db }, created, target, 4, running, { coalesceMs: 60_000 });
    first.done();

    // A person ticked a box just now: Archon's answer to it does not wait.
    await forgetStatusCommentText({ db: handle.db }, created, 54);
    const second = edit();
    await upsertStatusComment({ db: handle.db }, created, target, 4, running, { coalesceMs: 60_000 });
    second.done();
    expect(edits).toHaveLength(2);
  });

  it("a status job leaves the comment to a newer one of its task that waits or runs, not to a dead one", async () => {
    const task = await newTask(3);
    const id = String(task.id);
    const key = (revision: number) => `task-${id}:status-comment:${revision}`;
    for (const revision of [1, 2]) {
      await insertJob(handle.db, { kind: "task.command", payload: {}, idempotencyKey: key(revision), taskId: id });
    }
    await insertJob(handle.db, { kind: "task.command", payload: {}, idempotencyKey: `task-${id}:labels:3`, taskId: id });

    expect(await hasNewerStatusJob(handle.db, id, key(1))).toBe(true);
    expect(await hasNewerStatusJob(handle.db, id, key(2))).toBe(false);
    await handle.db.updateTable("jobs").set({ state: "dead" }).where("idempotency_key", "=", key(2)).execute();
    expect(await hasNewerStatusJob(handle.db, id, key(1))).toBe(false);
  });
});
