import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/connect.js";
import { type HookDelivery, attemptFailed, failedGuids, redeliverFailed, redeliveryKey } from "../../src/github/redeliver-failed.js";
import { testDatabases } from "../support/databases.js";

const API = "https://api.github.com";
const NOW = Date.parse("2026-11-24T12:00:00Z");

function attempt(id: number, guid: string, minutesAgo: number, status_code: number, extra: Partial<HookDelivery> = {}): HookDelivery {
  return {
    id,
    guid,
    delivered_at: new Date(NOW - minutesAgo * 60_000).toISOString(),
    redelivery: false,
    status: status_code >= 200 && status_code < 300 ? "OK" : status_code === 0 ? "timed out" : `Invalid HTTP Response: ${status_code}`,
    status_code,
    event: "issues",
    action: "labeled",
    ...extra,
  };
}

function octokit() {
  return new ProbotOctokit({ auth: { token: "app-jwt" }, retry: { enabled: false }, throttle: { enabled: false } });
}

describe("which attempts failed", () => {
  it.each([
    [{ status: "OK", status_code: 200 }, false],
    [{ status: "OK", status_code: 202 }, false],
    [{ status: "Invalid HTTP Response: 500", status_code: 500 }, true],
    [{ status: "Invalid HTTP Response: 503", status_code: 503 }, true],
    [{ status: "Invalid HTTP Response: 400", status_code: 400 }, true],
    [{ status: "timed out", status_code: 0 }, true],
    [{ status: "Failed to connect to host", status_code: 0 }, true],
  ])("%j failed: %s", (a, failed) => {
    expect(attemptFailed(a)).toBe(failed);
  });

  it.each([
    ["one failure", [attempt(1, "a", 5, 500)], ["a:1"]],
    ["a failure redelivered with success", [attempt(2, "a", 1, 200, { redelivery: true }), attempt(1, "a", 5, 500)], []],
    ["two failures of one guid: the newest", [attempt(2, "a", 1, 502, { redelivery: true }), attempt(1, "a", 5, 500)], ["a:2"]],
    ["success only", [attempt(1, "a", 5, 200)], []],
    ["newest first", [attempt(1, "old", 9, 500), attempt(2, "new", 1, 0)], ["new:2", "old:1"]],
  ])("%s", (_name, attempts, expected) => {
    expect(failedGuids(attempts).map((a) => `${a.guid}:${a.id}`)).toEqual(expected);
  });
});

describe.each(testDatabases())("redeliverFailed ($name)", (backend) => {
  let handle: DatabaseHandle;
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
  });
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    handle = await backend.open();
  });
  afterEach(async () => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    await handle.close();
    expect(pending).toEqual([]);
  });

  const since = new Date(NOW - 60 * 60_000);

  it("redelivers a failed delivery once, skips successes and deliveries Archon committed, and never asks twice", async () => {
    await handle.db
      .insertInto("webhook_deliveries")
      .values({ delivery_id: "committed", event: "issues", action: "labeled", installation_id: null, outcome: "recorded", job_id: null })
      .execute();
    const list = [
      attempt(6, "fixed", 2, 200, { redelivery: true }),
      attempt(5, "timeout", 3, 0),
      attempt(4, "committed", 4, 504),
      attempt(3, "fixed", 10, 500),
      attempt(2, "lost", 20, 503),
      attempt(1, "fine", 30, 200),
    ];
    nock(API).get("/app/hook/deliveries").query({ per_page: "100" }).twice().reply(200, list);
    const asked: number[] = [];
    nock(API)
      .post(/^\/app\/hook\/deliveries\/(\d+)\/attempts$/)
      .times(2)
      .reply(202, function (uri) {
        asked.push(Number(/deliveries\/(\d+)/.exec(uri)![1]));
        return {};
      });

    const first = await redeliverFailed({ db: handle.db, octokit: octokit(), since });
    expect(first).toEqual({ listed: 6, failed: 3, recorded: 1, remembered: 0, redelivered: ["timeout", "lost"] });
    expect(asked.sort()).toEqual([2, 5]);

    const second = await redeliverFailed({ db: handle.db, octokit: octokit(), since });
    expect(second).toMatchObject({ failed: 3, recorded: 1, remembered: 2, redelivered: [] });
    const effects = await handle.db.selectFrom("effects").select("key").orderBy("key").execute();
    expect(effects.map((e) => e.key)).toEqual([redeliveryKey("lost"), redeliveryKey("timeout")]);
  });

  it("follows the cursor across pages and stops at the first attempt older than the window", async () => {
    const page1 = [attempt(30, "p1", 1, 500), attempt(29, "p1-ok", 2, 200)];
    const page2 = [attempt(20, "p2", 30, 502), attempt(19, "too-old", 61, 500)];
    nock(API)
      .get("/app/hook/deliveries")
      .query({ per_page: "100" })
      .reply(200, page1, { link: `<${API}/app/hook/deliveries?per_page=100&cursor=v1_20>; rel="next"` });
    // The link to a third page is never followed: page 2 already reaches past the window.
    nock(API)
      .get("/app/hook/deliveries")
      .query({ per_page: "100", cursor: "v1_20" })
      .reply(200, page2, { link: `<${API}/app/hook/deliveries?per_page=100&cursor=v1_10>; rel="next"` });
    nock(API).post("/app/hook/deliveries/30/attempts").reply(202, {});
    nock(API).post("/app/hook/deliveries/20/attempts").reply(202, {});

    const result = await redeliverFailed({ db: handle.db, octokit: octokit(), since });
    expect(result).toMatchObject({ listed: 3, failed: 2, redelivered: ["p1", "p2"] });
  });

  it("gives the claim back after an uncertain failure and keeps it after a refusal", async () => {
    const list = [attempt(2, "flaky", 1, 500), attempt(1, "refused", 2, 500)];
    nock(API).get("/app/hook/deliveries").query(true).twice().reply(200, list);
    nock(API).post("/app/hook/deliveries/2/attempts").reply(502, { message: "Bad Gateway" });
    nock(API).post("/app/hook/deliveries/1/attempts").reply(422, { message: "Unprocessable" });
    const first = await redeliverFailed({ db: handle.db, octokit: octokit(), since });
    expect(first.redelivered).toEqual([]);

    nock(API).post("/app/hook/deliveries/2/attempts").reply(202, {});
    const second = await redeliverFailed({ db: handle.db, octokit: octokit(), since });
    expect(second).toMatchObject({ remembered: 1, redelivered: ["flaky"] });
  });

  it("asks for at most `limit` redeliveries per sweep, leaving the rest for the next", async () => {
    const list = [attempt(3, "c", 1, 500), attempt(2, "b", 2, 500), attempt(1, "a", 3, 500)];
    nock(API).get("/app/hook/deliveries").query(true).twice().reply(200, list);
    nock(API).post(/\/attempts$/).times(3).reply(202, {});
    const first = await redeliverFailed({ db: handle.db, octokit: octokit(), since, limit: 2 });
    expect(first.redelivered).toEqual(["c", "b"]);
    const second = await redeliverFailed({ db: handle.db, octokit: octokit(), since, limit: 2 });
    expect(second.redelivered).toEqual(["a"]);
  });
});
