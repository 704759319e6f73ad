import nock from "nock";
import { describe, expect, it } from "vitest";
import { ensurePullRequest, markReadyForReview, requestReviewers } from "../../src/github/pull-request.js";
import { API, testOctokit, useNock } from "./octokit.js";

const pull = (fields: Record<string, unknown> = {}) => ({
  number: 12,
  node_id: "PR_kwDO12",
  html_url: "https://github.com/acme/api/pull/12",
  draft: true,
  title: "Add todos endpoint",
  body: "Closes #7",
  user: { login: "archon[bot]" },
  ...fields,
});

describe("ensurePullRequest", () => {
  useNock();
  const input = {
    octokit: testOctokit(),
    owner: "acme",
    repo: "api",
    head: "archon/issue-7",
    base: "main",
    title: "Add todos endpoint",
    body: "Closes #7",
  };

  it("looks for an open pull request before creating a draft", async () => {
    const scope = nock(API)
      .get("/repos/acme/api/pulls")
      .query({ state: "open", head: "acme:archon/issue-7", per_page: "10" })
      .reply(200, [])
      .post("/repos/acme/api/pulls", { head: "archon/issue-7", base: "main", title: input.title, body: input.body, draft: true })
      .reply(201, pull());

    expect(await ensurePullRequest(input)).toEqual({
      number: 12,
      nodeId: "PR_kwDO12",
      url: "https://github.com/acme/api/pull/12",
      draft: true,
      author: "archon[bot]",
      action: "created",
    });
    scope.done();
  });

  it.each([
    ["unchanged", {}, false],
    ["updated", { body: "Closes #7\n\nTested with jest." }, true],
  ])("finds the existing pull request and leaves it %s", async (action, change, patched) => {
    const scope = nock(API).get("/repos/acme/api/pulls").query(true).reply(200, [pull()]);
    if (patched) scope.patch("/repos/acme/api/pulls/12", { title: input.title, ...change }).reply(200, pull(change));

    const result = await ensurePullRequest({ ...input, ...change });

    expect(result).toMatchObject({ number: 12, action });
    scope.done();
  });

  it("opens the pull request of a branch created just now without looking for one", async () => {
    const scope = nock(API).post("/repos/acme/api/pulls").reply(201, pull());
    expect(await ensurePullRequest({ ...input, newBranch: true })).toMatchObject({ number: 12, action: "created" });
    scope.done();
  });

  it("on a new branch, still looks before trying again after a 502", async () => {
    const scope = nock(API)
      .post("/repos/acme/api/pulls")
      .reply(502, { message: "Bad Gateway" })
      .get("/repos/acme/api/pulls")
      .query(true)
      .reply(200, [pull()]);
    expect(await ensurePullRequest({ ...input, newBranch: true })).toMatchObject({ number: 12, action: "created" });
    scope.done();
  });

  it("takes the pull request another run created in the meantime", async () => {
    const scope = nock(API)
      .get("/repos/acme/api/pulls")
      .query(true)
      .reply(200, [])
      .post("/repos/acme/api/pulls")
      .reply(422, { message: "Validation Failed", errors: [{ message: "A pull request already exists for acme:archon/issue-7." }] })
      .get("/repos/acme/api/pulls")
      .query(true)
      .reply(200, [pull()]);

    expect(await ensurePullRequest(input)).toMatchObject({ number: 12, action: "created" });
    scope.done();
  });
});

describe("markReadyForReview", () => {
  useNock();

  it("uses the GraphQL mutation with the node id", async () => {
    const scope = nock(API)
      .post("/graphql", (body) => body.variables.id === "PR_kwDO12" && body.query.includes("markPullRequestReadyForReview"))
      .reply(200, { data: { markPullRequestReadyForReview: { pullRequest: { isDraft: false } } } });

    expect(await markReadyForReview(testOctokit(), "PR_kwDO12")).toEqual({ draft: false });
    scope.done();
  });
});

describe("requestReviewers", () => {
  useNock();
  const input = { octokit: testOctokit(), owner: "acme", repo: "api", pullNumber: 12 };

  it("skips the author and asks for users and teams in one request", async () => {
    const scope = nock(API)
      .get("/repos/acme/api/pulls/12")
      .reply(200, pull({ user: { login: "Ada" } }))
      .post("/repos/acme/api/pulls/12/requested_reviewers", { reviewers: ["grace"], team_reviewers: ["core"] })
      .reply(201, {});

    const result = await requestReviewers({ ...input, users: ["ada", "grace"], teams: ["core"] });

    expect(result).toEqual({ requested: ["grace"], teams: ["core"], skipped: ["ada"], rejected: [] });
    scope.done();
  });

  it("asks one by one after a 422, reporting who GitHub refused", async () => {
    const refused = { message: "Reviews may only be requested from collaborators." };
    const scope = nock(API)
      .post("/repos/acme/api/pulls/12/requested_reviewers", { reviewers: ["grace", "eve"], team_reviewers: [] })
      .reply(422, refused)
      .post("/repos/acme/api/pulls/12/requested_reviewers", { reviewers: ["grace"], team_reviewers: [] })
      .reply(201, {})
      .post("/repos/acme/api/pulls/12/requested_reviewers", { reviewers: ["eve"], team_reviewers: [] })
      .reply(422, refused);

    const result = await requestReviewers({ ...input, author: "archon[bot]", users: ["grace", "eve"] });

    expect(result.requested).toEqual(["grace"]);
    expect(result.rejected).toEqual([{ reviewer: "eve", reason: expect.stringContaining("only be requested from collaborators") }]);
    scope.done();
  });

  it("makes no request when only the author was named", async () => {
    expect(await requestReviewers({ ...input, author: "ada", users: ["ada"] })).toEqual({
      requested: [], teams: [], skipped: ["ada"], rejected: [],
    });
  });
});
