import nock from "nock";
import { describe, expect, it } from "vitest";
import { findBaseFailures, readCheckRunFailures } from "../../src/github/check-results.js";
import { API, testOctokit, useNock } from "./octokit.js";

const summary = [
  "### Failures",
  "#### adds numbers",
  "failure at `test/add.test.js:3`",
  "```text",
  "expected 3",
  "```",
  "#### boots the app",
  "failure at location unknown",
  "```text",
  "listen EADDRINUSE",
  "```",
].join("\n");

const annotation = (line: number, level = "failure") => ({
  path: "test/add.test.js",
  start_line: line,
  end_line: line,
  annotation_level: level,
  title: line === 3 ? "adds numbers" : `case ${line}`,
  message: `expected ${line}`,
  raw_details: null,
});

describe("readCheckRunFailures", () => {
  useNock();

  it("reads every page of annotations and adds the summary's unlocated failures", async () => {
    const scope = nock(API)
      .get("/repos/acme/api/check-runs/77")
      .reply(200, { id: 77, conclusion: "failure", output: { summary, annotations_count: 3 } })
      .get("/repos/acme/api/check-runs/77/annotations")
      .query({ per_page: "100" })
      .reply(200, [annotation(3), annotation(9, "warning")], {
        link: `<${API}/repos/acme/api/check-runs/77/annotations?per_page=100&page=2>; rel="next"`,
      })
      .get("/repos/acme/api/check-runs/77/annotations")
      .query({ per_page: "100", page: "2" })
      .reply(200, [annotation(20)]);

    const result = await readCheckRunFailures(testOctokit(), "acme", "api", 77);

    expect(result).toEqual({
      checkRunId: 77,
      conclusion: "failure",
      failures: [
        { name: "adds numbers", message: "expected 3", file: "test/add.test.js", line: 3 },
        { name: "case 20", message: "expected 20", file: "test/add.test.js", line: 20 },
        { name: "boots the app", message: "listen EADDRINUSE" },
      ],
    });
    scope.done();
  });
});

describe("findBaseFailures", () => {
  useNock();
  const BASE = "b".repeat(40);

  it("reads the latest completed run of the check on the base commit", async () => {
    const scope = nock(API)
      .get(`/repos/acme/api/commits/${BASE}/check-runs`)
      .query({ check_name: "Tests", status: "completed", filter: "latest", per_page: "100" })
      .reply(200, {
        total_count: 2,
        check_runs: [
          { id: 1, completed_at: "2026-11-20T10:00:00Z" },
          { id: 2, completed_at: "2026-11-21T10:00:00Z" },
        ],
      })
      .get("/repos/acme/api/check-runs/2")
      .reply(200, { id: 2, conclusion: "failure", output: { summary, annotations_count: 0 } });

    const result = await findBaseFailures(testOctokit(), "acme", "api", BASE, "Tests");

    expect(result?.checkRunId).toBe(2);
    expect(result?.failures.map((f) => f.name)).toEqual(["adds numbers", "boots the app"]);
    scope.done();
  });

  it("answers undefined when the base has no run of that check", async () => {
    const scope = nock(API)
      .get(`/repos/acme/api/commits/${BASE}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] });
    expect(await findBaseFailures(testOctokit(), "acme", "api", BASE, "Tests")).toBeUndefined();
    scope.done();
  });
});
