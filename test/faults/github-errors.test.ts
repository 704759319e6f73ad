import { afterEach, describe, expect, it } from "vitest";
import type { Fault } from "./support/fake-github-server.js";
import { waitFor } from "./support/services.js";
import { type World, deadJobs, openWorld } from "./support/world.js";

const SECONDARY_LIMIT = {
  status: 403,
  body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." },
  headers: { "retry-after": "1" },
};

describe("GitHub failing under Archon", () => {
  let statusComments: number | undefined;
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it("502 after a write and 403 secondary rate limits with retry-after: each write happens once, and nothing is sent again before retry-after expires", async () => {
    world = await openWorld();
    const w = world;
    await w.start(["serve"]);
    // The first create of each kind is done by GitHub and then answered 502.
    const failedOnce = new Set<string>();
    const afterWrite: Fault = ({ method, path }) => {
      const kind = method === "POST" ? /\/(issues\/\d+\/comments|pulls|check-runs|git\/commits)$/.exec(path)?.[1]?.replace(/\d+/, "N") : undefined;
      if (!kind || failedOnce.has(kind)) return undefined;
      failedOnce.add(kind);
      return { after: { status: 502, body: { message: "Server Error" } } };
    };
    // GitHub's secondary rate limit on the first attempt to open the pull request.
    let limitedOnce = false;
    const limited: Fault = ({ method, path }) => {
      if (limitedOnce || method !== "POST" || !path.endsWith("/pulls")) return undefined;
      limitedOnce = true;
      return { answer: SECONDARY_LIMIT };
    };
    w.github.inject(limited);
    w.github.inject(afterWrite);

    await w.label(7).send();
    await waitFor("the plan", async () => (await w.task(7))[0]?.status === "awaiting_approval", 90_000);
    await w.comment(7, "/archon approve");
    await waitFor("the pull request", async () => (await w.task(7))[0]?.pr_number != null, 120_000);
    const jobs = await w.settle(120_000);
    expect(deadJobs(jobs)).toEqual([]);
    expect(limitedOnce).toBe(true);
    expect([...failedOnce].sort()).toEqual(["check-runs", "git/commits", "issues/N/comments", "pulls"]);

    const gh = w.github.github;
    statusComments = gh.commentsOn(7).filter((c) => c.user.type === "Bot" && c.body.includes("<!-- archon:status")).length;
    expect(gh.pulls.size).toBe(1);
    expect(gh.checkRuns.filter((r) => r.name.toLowerCase().includes("archon"))).toHaveLength(1);
    expect(gh.git.refs.has("archon/issue-7")).toBe(true);

    // After a 403 with retry-after, the same request is not sent again before it expires.
    const seen = w.github.seen;
    for (const [i, r] of seen.entries()) {
      if (r.status !== 403) continue;
      const again = seen.slice(i + 1).find((x) => x.method === r.method && x.path === r.path);
      if (again) expect(again.at - r.at, `${r.method} ${r.path}`).toBeGreaterThanOrEqual(1_000);
    }
  });

  // "Every side effect on GitHub is idempotent" (one status comment per task). In the case above the
  // status comment's first create is answered 502 while the approval's own status update runs as a
  // second job; the first create happens under the task's row lock, so the second job finds it.
  it("the status comment exists once even when two status updates of one task race a 502 (read from the case above)", () => {
    expect(statusComments).toBe(1);
  });

  // "Retries stop after a bounded count with the task marked failed and explained": on its last
  // delivery a command that keeps failing becomes a failed step of its task.
  it("a write GitHub keeps refusing is retried a bounded number of times, then the task is marked failed and says why", async () => {
    world = await openWorld({ env: { ARCHON_MAX_DELIVERIES: "2" } });
    const w = world;
    await w.start(["serve"]);
    w.github.inject(({ method, path }) => (method === "POST" && path.endsWith("/pulls") ? { answer: SECONDARY_LIMIT } : undefined));
    await w.label(7).send();
    await waitFor("the plan", async () => (await w.task(7))[0]?.status === "awaiting_approval", 90_000);
    await w.comment(7, "/archon approve");
    const jobs = await w.settle(120_000);
    const prAttempts = w.github.seen.filter((r) => r.method === "POST" && r.path.endsWith("/pulls")).length;
    expect(prAttempts).toBeGreaterThan(0);
    expect(prAttempts).toBeLessThanOrEqual(6);
    expect(deadJobs(jobs)).toEqual([]);
    const [task] = await w.task(7);
    expect(task?.status).toMatch(/failed|needs_attention/);
    expect(task?.error ?? "").toMatch(/rate limit|pull request/i);
  });
});
