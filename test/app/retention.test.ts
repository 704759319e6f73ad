import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pruneOnce } from "../../src/app/retention.js";
import type { DatabaseHandle } from "../../src/db/connect.js";
import { insertTask } from "../../src/db/task.repository.js";
import { REDELIVERY_EFFECT } from "../../src/github/redeliver-failed.js";
import { openWithRepository, testDatabases } from "../support/databases.js";

const daysAgo = (days: number) => sql<Date>`now() - make_interval(days => ${days})`;

describe.each(testDatabases())("pruning past the retention ($name)", (backend) => {
  let handle: DatabaseHandle;
  let repositoryId: string;
  beforeAll(async () => {
    ({ handle, repositoryId } = await openWithRepository(backend));
  }, 300_000);
  afterAll(async () => handle?.close());

  it("deletes finished jobs, delivery records, pull request events, label and close times and redeliveries older than the retention, and nothing else", async () => {
    const db = handle.db;
    const { task } = await insertTask(db, {
      installation_id: 7, repository_id: repositoryId, source: "issue", status: "received", issue_number: 1, title: "Old task", requested_by: "octocat",
    });
    // Old rows (20 days) and fresh ones (1 day) of each kind; the retention is 14 days.
    for (const [age, tag] of [[20, "old"], [1, "new"]] as const) {
      for (const state of ["done", "dead", "pending"] as const) {
        await db
          .insertInto("jobs")
          .values({ kind: "k", payload: "{}", idempotency_key: `${tag}-${state}`, task_id: null, state, updated_at: daysAgo(age), available_at: daysAgo(age) })
          .execute();
      }
      for (let i = 0; i < 3; i++) {
        await db.insertInto("webhook_deliveries").values({ delivery_id: `${tag}-${i}`, event: "issues", outcome: "recorded", received_at: daysAgo(age) }).execute();
      }
      await db
        .insertInto("pull_request_events")
        .values({ task_id: task.id, pr_number: 5, key: `${tag}-delivery`, event: JSON.stringify({ type: "pr_merged" }), received_at: daysAgo(age) })
        .execute();
      await db
        .insertInto("issue_label_changes")
        .values({ repository_id: repositoryId, issue_number: age, label: "archon", labeled_at: daysAgo(400), unlabeled_at: daysAgo(400), recorded_at: daysAgo(age) })
        .execute();
      // GitHub's stamp is as old either way: what counts is when Archon recorded it.
      await db.insertInto("issue_closes").values({ repository_id: repositoryId, issue_number: age, closed_at: daysAgo(400), recorded_at: daysAgo(age) }).execute();
      await db.insertInto("effects").values({ key: `redeliver:${tag}`, kind: REDELIVERY_EFFECT, created_at: daysAgo(age) }).execute();
      await db.insertInto("effects").values({ key: `comment:${tag}`, kind: "status_comment", task_id: task.id, created_at: daysAgo(age) }).execute();
    }

    // Batches of 2, so the three old delivery records take two statements.
    const pruned = await pruneOnce(db, { keepDays: 14, batchSize: 2 });
    expect(pruned).toEqual({ jobs: 1, deliveries: 3, pullRequestEvents: 1, labelChanges: 1, closes: 1, redeliveries: 1 });

    const jobs = await db.selectFrom("jobs").select("idempotency_key").orderBy("idempotency_key").execute();
    expect(jobs.map((j) => j.idempotency_key)).toEqual(["new-dead", "new-done", "new-pending", "old-dead", "old-pending"]);
    const deliveries = await db.selectFrom("webhook_deliveries").select("delivery_id").orderBy("delivery_id").execute();
    expect(deliveries.map((d) => d.delivery_id)).toEqual(["new-0", "new-1", "new-2"]);
    expect((await db.selectFrom("pull_request_events").select("key").execute()).map((e) => e.key)).toEqual(["new-delivery"]);
    expect((await db.selectFrom("issue_label_changes").select("issue_number").execute()).map((r) => r.issue_number)).toEqual([1]);
    expect((await db.selectFrom("issue_closes").select("issue_number").execute()).map((r) => r.issue_number)).toEqual([1]);
    const effects = await db.selectFrom("effects").select("key").orderBy("key").execute();
    expect(effects.map((e) => e.key)).toEqual(["comment:new", "comment:old", "redeliver:new"]);
    expect(await db.selectFrom("tasks").select("id").execute()).toHaveLength(1);

    // A pass stopped before it starts (the worker shutting down) deletes nothing.
    await db.insertInto("webhook_deliveries").values({ delivery_id: "old-again", event: "issues", outcome: "recorded", received_at: daysAgo(20) }).execute();
    const stopped = new AbortController();
    stopped.abort();
    expect(Object.values(await pruneOnce(db, { keepDays: 14, signal: stopped.signal }))).toEqual([0, 0, 0, 0, 0, 0]);
    // A second pass finds nothing more to do than that.
    expect(await pruneOnce(db, { keepDays: 14 })).toMatchObject({ jobs: 0, deliveries: 1, pullRequestEvents: 0, labelChanges: 0, closes: 0, redeliveries: 0 });
  });

  it("refuses a retention shorter than GitHub's redelivery window", async () => {
    await expect(pruneOnce(handle.db, { keepDays: 3 })).rejects.toThrow(/too short.*at least 4 days/);
  });
});
