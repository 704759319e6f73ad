import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "./support/services.js";
import { type World, deadJobs, openWorld } from "./support/world.js";

describe("a worker killed mid-job", () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it("a worker killed with SIGKILL during an agent job: another worker takes the job after the visibility timeout, the task completes, one commit and one pull request", async () => {
    world = await openWorld({ env: { ARCHON_VISIBILITY_TIMEOUT: "3" } });
    const w = world;
    await w.start(["serve", "--no-worker"]);
    const first = await w.start(["worker"]);
    await w.label(7).send();
    await waitFor("the plan", async () => (await w.task(7))[0]?.status === "awaiting_approval");
    await w.settle();

    // Approval long after the plan: the first agent job reads the round's base again (the plan
    // job read the repository's files already, and nothing else reads the branch): hold that
    // read, and the worker is inside the agent job.
    await w.query("update effects set created_at = now() - interval '11 minutes' where kind = 'plan_base'");
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = false;
    const remove = w.github.inject(({ method, path }) => {
      if (holding || method !== "GET" || !path.includes("/branches/")) return undefined;
      holding = true;
      return { hold: held };
    });
    await w.comment(7, "/archon approve");
    await waitFor("the agent job to reach GitHub", () => holding);
    const running = await w.query<{ kind: string; payload: { command: { type: string } } }>("select kind, payload from jobs where state = 'running'");
    expect(running.map((j) => j.payload.command?.type)).toContain("run_step");

    first.child.kill("SIGKILL");
    await first.exited;
    remove();
    release();
    const second = await w.start(["worker"]);

    const jobs = await w.settle(120_000);
    expect(deadJobs(jobs)).toEqual([]);
    const [task] = await w.task(7);
    expect(task).toMatchObject({ status: "pr_open", pr_number: 100, error: null });
    expect(second.lines.some((l) => l.includes("claimed entries left by another worker") || l.includes("reconciler published"))).toBe(true);
    // The job the dead worker held ran again, and its effects happened once.
    const retried = jobs.filter((j) => j.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);
    expect(w.github.github.count("POST", /\/git\/commits$/)).toBe(1);
    expect(w.github.github.count("POST", /\/git\/refs$/)).toBe(1);
    expect(w.github.github.pulls.size).toBe(1);
    expect(w.github.github.commentsOn(7).filter((c) => c.user.type === "Bot")).toHaveLength(1);
    const runs = await w.query<{ n: string }>("select count(*) as n from agent_runs where outcome = 'succeeded'");
    expect(Number(runs[0]!.n)).toBeGreaterThanOrEqual(3);
  });
});
