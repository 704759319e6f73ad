import nock from "nock";
import { describe, expect, it } from "vitest";
import { addReaction, openIssue, reply, setTaskLabels } from "../../src/github/issues.js";
import { API, testOctokit, useNock } from "./octokit.js";

const bot = { login: "archon[bot]", type: "Bot" };
const target = { octokit: testOctokit(), owner: "acme", repo: "api" };

describe("setTaskLabels", () => {
  useNock();

  it("adds the status label first and takes the stale one off, leaving other labels alone", async () => {
    const scope = nock(API)
      .post("/repos/acme/api/issues/7/labels", { labels: ["archon:running"] })
      .reply(200, [
        { name: "archon", color: "5319e7", description: "Archon task" },
        { name: "bug", color: "d73a4a", description: null },
        { name: "archon:planned", color: "c5def5", description: "Archon has a plan for this task" },
        { name: "archon:running", color: "fbca04", description: "Archon is working on this task" },
      ])
      .delete("/repos/acme/api/issues/7/labels/archon%3Aplanned")
      .reply(200, []);

    const result = await setTaskLabels({ ...target, issueNumber: 7, labels: ["archon:running"] });

    expect(result).toEqual({ removed: ["archon:planned"] });
    scope.done();
  });

  it("costs one request when the issue carries no stale status label", async () => {
    const scope = nock(API)
      .post("/repos/acme/api/issues/7/labels", { labels: ["archon:running"] })
      .reply(200, [{ name: "archon:running", color: "fbca04", description: "Archon is working on this task" }]);
    expect(await setTaskLabels({ ...target, issueNumber: 7, labels: ["archon:running"] })).toEqual({ removed: [] });
    scope.done();
  });

  it("gives a label GitHub just created bare Archon's colour and description", async () => {
    const scope = nock(API)
      .post("/repos/acme/api/issues/7/labels", { labels: ["archon:running"] })
      .reply(200, [{ name: "archon:running", color: "ededed", description: null }])
      .patch("/repos/acme/api/labels/archon%3Arunning", { color: "fbca04", description: "Archon is working on this task" })
      .reply(200, {});
    expect(await setTaskLabels({ ...target, issueNumber: 7, labels: ["archon:running"] })).toEqual({ removed: [] });
    scope.done();
  });

  it("leaves a status label a person restyled alone", async () => {
    const scope = nock(API)
      .post("/repos/acme/api/issues/7/labels", { labels: ["archon:review"] })
      .reply(200, [{ name: "archon:review", color: "000000", description: "ours now" }]);
    expect(await setTaskLabels({ ...target, issueNumber: 7, labels: ["archon:review"] })).toEqual({ removed: [] });
    scope.done();
  });

  it("reads the issue's labels to take every status label off when the task is over", async () => {
    const scope = nock(API)
      .get("/repos/acme/api/issues/7/labels")
      .query({ per_page: "100" })
      .reply(200, [{ name: "bug" }, { name: "archon:review" }])
      .delete("/repos/acme/api/issues/7/labels/archon%3Areview")
      .reply(200, []);
    expect(await setTaskLabels({ ...target, issueNumber: 7, labels: [] })).toEqual({ removed: ["archon:review"] });
    scope.done();
  });

  it("refuses to manage labels outside archon:*", async () => {
    await expect(setTaskLabels({ ...target, issueNumber: 7, labels: ["bug"] })).rejects.toThrow(/not Archon status labels: bug/);
  });
});

describe("addReaction", () => {
  useNock();

  it.each([
    [201, true],
    [200, false],
  ])("answers %i → created %s", async (status, created) => {
    const scope = nock(API).post("/repos/acme/api/issues/comments/55/reactions", { content: "eyes" }).reply(status, { id: 9 });
    expect(await addReaction({ ...target, commentId: 55, content: "eyes" })).toEqual({ id: 9, created });
    scope.done();
  });

  it("reacts to the issue itself", async () => {
    const scope = nock(API).post("/repos/acme/api/issues/7/reactions", { content: "rocket" }).reply(201, { id: 10 });
    expect(await addReaction({ ...target, issueNumber: 7, content: "rocket" })).toEqual({ id: 10, created: true });
    scope.done();
  });
});

describe("reply", () => {
  useNock();
  const marker = "<!-- archon:reply task-42:reply:3 -->";

  it("posts once and finds the reply on the next run", async () => {
    const text = `Only people with write access can run commands.\n\n${marker}`;
    const scope = nock(API)
      .get("/repos/acme/api/issues/7/comments")
      .query(true)
      .reply(200, [])
      .post("/repos/acme/api/issues/7/comments", { body: text })
      .reply(201, { id: 20, body: text, user: bot, html_url: "u20" })
      .get("/repos/acme/api/issues/7/comments")
      .query(true)
      .reply(200, [{ id: 20, body: text, user: bot, html_url: "u20" }]);
    const input = { ...target, issueNumber: 7, key: "task-42:reply:3", body: "Only people with write access can run commands." };

    expect(await reply(input)).toEqual({ id: 20, url: "u20", action: "created" });
    expect(await reply(input)).toEqual({ id: 20, url: "u20", action: "existing" });
    scope.done();
  });
});

describe("openIssue", () => {
  useNock();
  const marker = "<!-- archon:issue api-task-9 -->";
  const input = { ...target, key: "api-task-9", title: "Add /health", body: "Return 200.", labels: ["archon"], creator: "archon[bot]" };
  const issue = (number: number, body: string, extra = {}) => ({ number, node_id: `I_${number}`, html_url: `u${number}`, body, user: bot, ...extra });
  const list = () =>
    nock(API)
      .get("/repos/acme/api/issues")
      .query({ state: "all", sort: "created", direction: "desc", per_page: "100", creator: "archon[bot]" });

  it("creates the issue with the task label and its marker", async () => {
    const scope = list()
      .reply(200, [issue(3, `other ${marker}`, { pull_request: {} }), issue(2, "<!-- archon:issue api-task-8 -->")])
      .post("/repos/acme/api/issues", { title: "Add /health", body: `Return 200.\n\n${marker}`, labels: ["archon"] })
      .reply(201, issue(4, `Return 200.\n\n${marker}`));

    expect(await openIssue(input)).toEqual({ number: 4, nodeId: "I_4", url: "u4", action: "created" });
    scope.done();
  });

  it("returns the issue an earlier run opened", async () => {
    const scope = list().reply(200, [issue(4, `Return 200.\n\n${marker}`)]);
    expect(await openIssue(input)).toMatchObject({ number: 4, action: "existing" });
    scope.done();
  });
});
