import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "./support/services.js";
import { type World, deadJobs, openWorld } from "./support/world.js";

// Long enough for auth-app to mint and use a token, short enough that a task outlives many.
const TOKEN_LIFETIME_MS = 6_000;

describe("installation tokens expiring mid-task", () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it("tokens that expire every few seconds and one revoked while the commit is written: renewed, the task completes, no 401 reaches a job", async () => {
    world = await openWorld();
    const w = world;
    w.github.setTokenLifetime(TOKEN_LIFETIME_MS);
    const serve = await w.start(["serve"]);

    // Halfway through writing the commit, when its tree is sent, GitHub revokes every token issued
    // so far and refuses that very request.
    let revokedAt: number | undefined;
    w.github.inject(({ method, path }) => {
      if (revokedAt !== undefined || method !== "POST" || !path.endsWith("/git/trees")) return undefined;
      revokedAt = w.github.tokens.length;
      w.github.revokeTokens();
      return undefined;
    });

    await w.label(7).send();
    await waitFor("the plan", async () => (await w.task(7))[0]?.status === "awaiting_approval", 90_000);
    await w.comment(7, "/archon approve");
    await waitFor("the pull request", async () => (await w.task(7))[0]?.pr_number != null, 90_000);
    const jobs = await w.settle(90_000);

    // The faults happened: tokens outlived, one revoked, GitHub answered 401.
    expect(revokedAt).toBeDefined();
    expect(w.github.tokens.length).toBeGreaterThan(revokedAt!);
    expect(w.github.tokens.length).toBeGreaterThan(2);
    const refused = w.github.seen.filter((r) => r.status === 401);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.authorization?.startsWith("token "))).toBe(true);
    expect(serve.lines.some((l) => l.includes("Installation token refused (401)"))).toBe(true);

    // ... and none of it reached the task: no dead or failed job, no failed step, one pull request.
    expect(deadJobs(jobs)).toEqual([]);
    const failures = serve.lines.filter((l) => l.includes("job failed") || l.includes("job dead-lettered"));
    expect(failures).toEqual([]);
    const [task] = await w.task(7);
    expect(task).toMatchObject({ status: "pr_open", pr_number: 100, error: null });
    const steps = await w.query<{ status: string }>("select status from plan_steps");
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.filter((s) => s.status === "failed")).toEqual([]);
    const runs = await w.query<{ outcome: string }>("select outcome from agent_runs");
    expect(runs.filter((r) => r.outcome !== "succeeded")).toEqual([]);
    expect(w.github.github.pulls.size).toBe(1);
    expect(w.github.github.count("POST", /\/git\/commits$/)).toBe(1);
  });
});
