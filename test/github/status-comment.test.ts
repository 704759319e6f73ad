import nock from "nock";
import { describe, expect, it } from "vitest";
import { ensureComment } from "../../src/github/status-comment.js";
import { API, testOctokit, useNock } from "./octokit.js";

const marker = "<!-- archon:status task=42 -->";
const body = `## Archon\nPlanned 3 steps.\n\n${marker}`;
const bot = { login: "archon[bot]", type: "Bot" };
const human = { login: "mallory", type: "User" };
const comment = (id: number, text: string, user = bot) => ({ id, body: text, user, html_url: `https://github.com/c/${id}` });

describe("ensureComment", () => {
  useNock();
  const base = { octokit: testOctokit(), owner: "acme", repo: "api", issueNumber: 7, marker };

  it("creates the comment once, after looking through every page for the marker", async () => {
    const scope = nock(API)
      .get("/repos/acme/api/issues/7/comments")
      .query({ per_page: "100" })
      .reply(200, [comment(1, "hello"), comment(2, `copied ${marker}`, human)], {
        link: `<${API}/repos/acme/api/issues/7/comments?per_page=100&page=2>; rel="next"`,
      })
      .get("/repos/acme/api/issues/7/comments")
      .query({ per_page: "100", page: "2" })
      .reply(200, [comment(3, "later")])
      .post("/repos/acme/api/issues/7/comments", { body })
      .reply(201, comment(10, body));

    expect(await ensureComment({ ...base, body })).toEqual({ id: 10, url: "https://github.com/c/10", action: "created" });
    scope.done();
  });

  it("adds the marker when the body does not carry it", async () => {
    const scope = nock(API)
      .get("/repos/acme/api/issues/comments/10")
      .reply(200, comment(10, body));

    const result = await ensureComment({ ...base, body: "## Archon\nPlanned 3 steps.", knownId: "10" });

    expect(result.action).toBe("unchanged");
    scope.done();
  });

  it("edits the stored comment only when the text changed", async () => {
    const next = `## Archon\nRunning step 1.\n\n${marker}`;
    const scope = nock(API)
      .get("/repos/acme/api/issues/comments/10")
      .reply(200, comment(10, body.replace(/\n/g, "\r\n")))
      .get("/repos/acme/api/issues/comments/10")
      .reply(200, comment(10, body))
      .patch("/repos/acme/api/issues/comments/10", { body: next })
      .reply(200, comment(10, next));

    expect((await ensureComment({ ...base, body, knownId: 10 })).action).toBe("unchanged");
    expect((await ensureComment({ ...base, body: next, knownId: 10 })).action).toBe("updated");
    scope.done();
  });

  it("finds the comment by its marker when the stored one was deleted", async () => {
    const next = `Done.\n\n${marker}`;
    const scope = nock(API)
      .get("/repos/acme/api/issues/comments/10")
      .reply(404, { message: "Not Found" })
      .get("/repos/acme/api/issues/7/comments")
      .query(true)
      .reply(200, [comment(11, body), comment(12, "other")])
      .patch("/repos/acme/api/issues/comments/11", { body: next })
      .reply(200, comment(11, next));

    expect(await ensureComment({ ...base, body: next, knownId: 10 })).toMatchObject({ id: 11, action: "updated" });
    scope.done();
  });
});
