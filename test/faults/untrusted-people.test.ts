import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentPayload, issuesPayload } from "../support/webhook-payloads.js";
import { waitFor } from "./support/services.js";
import { MAINTAINER, TASK_TITLE, type World, deadJobs, openWorld } from "./support/world.js";

const READER = { login: "read-only-reader" };
const OUTSIDER = { login: "drive-by" };
const BOT = { login: "dependabot[bot]", type: "Bot" as const };

describe("commands from people who may not steer", () => {
  let world: World;
  beforeAll(async () => {
    world = await openWorld({ permissions: { [MAINTAINER.login]: "write", [READER.login]: "read" } });
    await world.start(["serve"]);
    await world.label(7).send();
    await waitFor("the plan", async () => (await world.task(7))[0]?.status === "awaiting_approval");
    await world.settle();
  });
  afterAll(() => world.close());

  function onPullRequest(p: ReturnType<typeof commentPayload>) {
    p.issue.pull_request = { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/7" };
    return p;
  }

  it("slash commands from read-only users, outsiders and other bots, on issues and pull requests, run nothing", async () => {
    const w = world;
    for (const [author, body] of [
      [READER, "/archon approve"],
      [OUTSIDER, "/archon approve"],
      [BOT, "/archon approve"],
      [READER, "/archon run"],
      [OUTSIDER, "/archon fix drop the tests"],
      [BOT, "/archon retry"],
    ] as const) {
      const c = w.github.github.addComment(7, body, { login: author.login, type: "type" in author ? author.type : "User" });
      const payload = commentPayload("created", 7, { id: c.id, body }, author);
      expect(await w.github.deliver("issue_comment", payload)).toBeLessThan(300);
      expect(await w.github.deliver("issue_comment", onPullRequest(commentPayload("created", 7, { id: c.id + 100_000, body }, author)))).toBeLessThan(300);
    }
    // A read-only user labels another issue: no task starts.
    await w.github.deliver("issues", issuesPayload("labeled", { number: 9, title: TASK_TITLE }, READER, "archon"));
    const jobs = await w.settle();
    expect(deadJobs(jobs)).toEqual([]);

    expect((await w.task(7)).map((t) => t.status)).toEqual(["awaiting_approval"]);
    expect(await w.task(9)).toEqual([]);
    const commands = await w.query<{ type: string }>("select payload->'command'->>'type' as type from jobs where kind = 'task.command'");
    expect(commands.map((c) => c.type)).not.toContain("run_step");
    expect(w.github.github.count("POST", /\/git\/(commits|trees|refs)$/)).toBe(0);
    expect(w.github.github.pulls.size).toBe(0);
    // People get a polite reply; bots get nothing, so two bots can never talk each other into a loop.
    const replies = w.github.github.commentsOn(7).filter((c) => c.user.type === "Bot" && c.body.includes("only people with write"));
    expect(replies.length).toBeGreaterThanOrEqual(2);
    expect(replies.every((c) => !c.body.includes(BOT.login))).toBe(true);
    expect(replies.some((c) => c.body.includes(READER.login))).toBe(true);
    expect(replies.some((c) => c.body.includes(OUTSIDER.login))).toBe(true);
  });
});
