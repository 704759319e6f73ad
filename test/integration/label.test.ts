import { afterEach, describe, expect, it } from "vitest";
import { testDatabases } from "../support/databases.js";
import { type Harness, openHarness, testQueueKinds } from "../support/github-harness.js";
import { MAINTAINER, expressRepo, labelIssue } from "./setup.js";

describe.each(testDatabases())("labeling an issue ($name)", (backend) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it.each(testQueueKinds())("creates one task, one plan and one status comment, after the webhook answered (%s queue)", async (queue) => {
    h = await openHarness(backend, { files: await expressRepo(), permissions: { [MAINTAINER.login]: "write" }, queue });
    await labelIssue(h, 7);
    // The delivery is committed and answered; nothing has asked GitHub anything yet.
    expect(h.github.requests).toEqual([]);
    expect((await h.jobs()).map((j) => [j.kind, j.state])).toEqual([["github.event", "pending"]]);

    const jobs = await h.drain();
    expect(jobs.filter((j) => j.state === "dead")).toEqual([]);
    const tasks = await h.db.selectFrom("tasks").selectAll().execute();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ issue_number: 7, status: "awaiting_approval", branch: "archon/issue-7" });
    expect(await h.db.selectFrom("plans").selectAll().execute()).toHaveLength(1);
    const comments = h.github.commentsOn(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("- [ ]");
    expect(h.github.issueLabels.get(7)).toEqual(["archon:planned"]);
    console.log(comments[0]!.body);
    console.log(h.github.requests.map((r) => `${r.method} ${r.path}`).join("\n"));
  });
});
