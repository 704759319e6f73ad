import nock from "nock";
import { describe, expect, it } from "vitest";
import { createGitHubForge } from "../../src/github/github-forge.js";
import { openIssue } from "../../src/github/issues.js";
import { ensurePullRequest } from "../../src/github/pull-request.js";
import { ensureComment } from "../../src/github/status-comment.js";
import { API, testOctokit, useNock } from "./octokit.js";

// The retry plugin as Probot ships it, only with millisecond waits.
const retrying = () => testOctokit({ enabled: true, retryAfterBaseValue: 1 });
const bot = { login: "archon[bot]", type: "Bot" };
const marker = "<!-- archon:status task=42 -->";
const body = `Planned.\n\n${marker}`;

describe("writes under octokit's retry plugin", () => {
  useNock();

  it("the plugin itself resends a POST after a 502, which is why creating calls opt out", async () => {
    const scope = nock(API)
      .post("/repos/acme/api/issues/7/comments")
      .reply(502, "Bad Gateway")
      .post("/repos/acme/api/issues/7/comments")
      .reply(201, { id: 1 });

    await retrying().rest.issues.createComment({ owner: "acme", repo: "api", issue_number: 7, body: "hi" });

    scope.done();
  });

  it("posts the status comment once when GitHub wrote it but answered 502", async () => {
    let posts = 0;
    const scope = nock(API)
      .get("/repos/acme/api/issues/7/comments")
      .query(true)
      .reply(502, "Bad Gateway")
      .get("/repos/acme/api/issues/7/comments")
      .query(true)
      .reply(200, [])
      .post("/repos/acme/api/issues/7/comments", () => ++posts > 0)
      .reply(502, "Bad Gateway")
      .get("/repos/acme/api/issues/7/comments")
      .query(true)
      .reply(200, [{ id: 30, body, user: bot, html_url: "u30" }]);

    const result = await ensureComment({ octokit: retrying(), owner: "acme", repo: "api", issueNumber: 7, marker, body });

    expect(result).toEqual({ id: 30, url: "u30", action: "created" });
    expect(posts).toBe(1);
    scope.done();
  });

  it("creates the branch ref once when GitHub wrote it but answered 502", async () => {
    const BASE = "b".repeat(40);
    const COMMIT = "c".repeat(40);
    const scope = nock(API)
      .get("/repos/acme/api/git/ref/heads%2Farchon%2Fissue-7")
      .reply(404, {})
      .get(`/repos/acme/api/git/commits/${BASE}`)
      .reply(200, { sha: BASE, tree: { sha: "1".repeat(40) } })
      .post("/repos/acme/api/git/trees")
      .reply(201, { sha: "2".repeat(40) })
      .post("/repos/acme/api/git/commits")
      .reply(201, { sha: COMMIT })
      .post("/repos/acme/api/git/refs")
      .reply(502, "Bad Gateway")
      .get("/repos/acme/api/git/ref/heads%2Farchon%2Fissue-7")
      .reply(200, { object: { sha: COMMIT } });
    const forge = createGitHubForge({ octokit: retrying(), owner: "acme", repo: "api" });

    const result = await forge.commit({
      branch: "archon/issue-7",
      base: BASE,
      message: "Add todos",
      changes: [{ action: "create", path: "a.js", content: "1\n" }],
      modes: {},
      author: { name: "archon[bot]", email: "bot@example.com" },
    });

    expect(result).toEqual({ sha: COMMIT, branch: "archon/issue-7", created: true, branchCreated: true });
    scope.done();
  });

  it("finds the pull request GitHub opened behind a 502 instead of opening another", async () => {
    const pull = { number: 12, node_id: "PR_1", html_url: "u12", draft: true, title: "T", body: "B", user: bot };
    const scope = nock(API)
      .get("/repos/acme/api/pulls")
      .query(true)
      .reply(200, [])
      .post("/repos/acme/api/pulls")
      .reply(502, "Bad Gateway")
      .get("/repos/acme/api/pulls")
      .query(true)
      .reply(200, [pull]);

    const result = await ensurePullRequest({
      octokit: retrying(), owner: "acme", repo: "api", head: "archon/issue-7", base: "main", title: "T", body: "B",
    });

    expect(result).toMatchObject({ number: 12, action: "created" });
    scope.done();
  });

  it("tries again when the 502 really was a failed write", async () => {
    const issue = { number: 5, node_id: "I_5", html_url: "u5", body: "x", user: bot };
    const scope = nock(API)
      .get("/repos/acme/api/issues")
      .query(true)
      .reply(200, [])
      .post("/repos/acme/api/issues")
      .reply(502, "Bad Gateway")
      .get("/repos/acme/api/issues")
      .query(true)
      .reply(200, [])
      .post("/repos/acme/api/issues")
      .reply(201, issue);

    const result = await openIssue({ octokit: retrying(), owner: "acme", repo: "api", key: "k", title: "t", body: "b", labels: ["archon"] });

    expect(result).toEqual({ number: 5, nodeId: "I_5", url: "u5", action: "created" });
    scope.done();
  });
});
