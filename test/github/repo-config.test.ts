import nock from "nock";
import { describe, expect, it } from "vitest";
import { loadRepoConfig } from "../../src/github/repo-config.js";
import { API, testOctokit, useNock } from "./octokit.js";

const repoFile = "/repos/acme/api/contents/.github%2Farchon.yml";
const orgFile = "/repos/acme/.github/contents/.github%2Farchon.yml";
// What GitHub answers for `Accept: application/vnd.github.raw`.
const yaml = { "content-type": "text/plain; charset=utf-8" };

describe("loadRepoConfig", () => {
  useNock();
  const octokit = testOctokit();

  it("reads the repository's file", async () => {
    const scope = nock(API).get(repoFile).reply(200, "label: task\nprovider: template\n", yaml);
    expect(await loadRepoConfig(octokit, "acme", "api")).toEqual({ config: { label: "task", provider: "template" } });
    scope.done();
  });

  it("falls back to the organisation's .github repository", async () => {
    const scope = nock(API)
      .get(repoFile)
      .reply(404, { message: "Not Found" })
      .get(orgFile)
      .reply(200, "reviewers: [ada]\n", yaml);
    expect(await loadRepoConfig(octokit, "acme", "api")).toEqual({ config: { reviewers: ["ada"] } });
    scope.done();
  });

  it("answers null when neither has the file", async () => {
    const scope = nock(API).get(repoFile).reply(404, {}).get(orgFile).reply(404, {});
    expect(await loadRepoConfig(octokit, "acme", "api")).toEqual({ config: null });
    scope.done();
  });

  it("reports invalid YAML with the parser's message", async () => {
    const scope = nock(API).get(repoFile).reply(200, "label: [unclosed\n", yaml);
    const result = await loadRepoConfig(octokit, "acme", "api");
    expect(result.config).toBeNull();
    expect(result.error).toMatch(/^Configuration could not be parsed from .*archon\.yml \(invalid YAML\): .+/);
    scope.done();
  });

  it("lets GitHub failures through for the job to retry", async () => {
    const scope = nock(API).get(repoFile).reply(500, { message: "boom" });
    await expect(loadRepoConfig(octokit, "acme", "api")).rejects.toMatchObject({ status: 500 });
    scope.done();
  });
});
