import nock from "nock";
import { describe, expect, it } from "vitest";
import { type CheckAnnotation, ensureCheckRun } from "../../src/github/check-run.js";
import { API, testOctokit, useNock } from "./octokit.js";

const SHA = "a".repeat(40);
const run = (id: number, externalId: string, fields: Record<string, unknown> = {}) => ({
  id,
  html_url: `https://github.com/acme/api/runs/${id}`,
  external_id: externalId,
  status: "in_progress",
  conclusion: null,
  output: { title: "Archon", summary: "Running", text: null, annotations_count: 0 },
  ...fields,
});
const annotation = (line: number): CheckAnnotation => ({
  path: "src/app.js", start_line: line, end_line: line, annotation_level: "failure", message: `line ${line}`,
});

describe("ensureCheckRun", () => {
  useNock();
  const input = {
    octokit: testOctokit(),
    owner: "acme",
    repo: "api",
    name: "Archon",
    headSha: SHA,
    externalId: "archon-task-42",
    status: "in_progress" as const,
    output: { title: "Archon", summary: "Running" },
  };
  const list = () =>
    nock(API).get(`/repos/acme/api/commits/${SHA}/check-runs`).query({ check_name: "Archon", filter: "all", per_page: "100" });

  it("finds the run by external_id and updates it", async () => {
    const scope = list()
      .reply(200, { total_count: 2, check_runs: [run(1, "archon-task-41"), run(2, "archon-task-42")] })
      .patch("/repos/acme/api/check-runs/2", {
        status: "completed", conclusion: "success", output: { title: "Archon", summary: "All green" },
      })
      .reply(200, run(2, "archon-task-42"));

    const result = await ensureCheckRun({
      ...input, status: "completed", conclusion: "success", output: { title: "Archon", summary: "All green" },
    });

    expect(result).toEqual({ id: 2, url: "https://github.com/acme/api/runs/2", action: "updated" });
    scope.done();
  });

  it("creates the run without listing the head's runs when no attempt at it ever started", async () => {
    const scope = nock(API)
      .post("/repos/acme/api/check-runs", (body) => body.external_id === "archon-task-42" && body.head_sha === SHA)
      .reply(201, run(3, "archon-task-42"));
    expect((await ensureCheckRun({ ...input, knownAbsent: true })).action).toBe("created");
    scope.done();
  });

  it("updates a run it knows without listing the head's runs, and looks it up should GitHub not know it", async () => {
    const done = { ...input, status: "completed" as const, conclusion: "success" as const, output: { title: "Archon", summary: "All green" } };
    const direct = nock(API)
      .patch("/repos/acme/api/check-runs/2", { status: "completed", conclusion: "success", output: { title: "Archon", summary: "All green" } })
      .reply(200, run(2, "archon-task-42"));
    const known = { id: 2, url: "https://github.com/acme/api/runs/2" };
    expect(await ensureCheckRun({ ...done, known })).toEqual({ ...known, action: "updated" });
    direct.done();

    const fallback = nock(API)
      .patch("/repos/acme/api/check-runs/9")
      .reply(404, { message: "Not Found" });
    const looked = list()
      .reply(200, { total_count: 1, check_runs: [run(2, "archon-task-42")] })
      .patch("/repos/acme/api/check-runs/2")
      .reply(200, run(2, "archon-task-42"));
    expect(await ensureCheckRun({ ...done, known: { id: 9, url: "" } })).toEqual({ ...known, action: "updated" });
    fallback.done();
    looked.done();
  });

  it("leaves an identical run alone", async () => {
    const scope = list().reply(200, { total_count: 1, check_runs: [run(2, "archon-task-42")] });
    expect((await ensureCheckRun(input)).action).toBe("unchanged");
    scope.done();
  });

  it("creates the run with the first 50 annotations and appends the rest", async () => {
    const annotations = Array.from({ length: 120 }, (_, i) => annotation(i + 1));
    const sizes: number[] = [];
    const scope = list()
      .reply(200, { total_count: 1, check_runs: [run(1, "archon-task-41")] })
      .post("/repos/acme/api/check-runs", (body) => {
        sizes.push(body.output.annotations.length);
        return body.external_id === "archon-task-42" && body.head_sha === SHA && body.name === "Archon";
      })
      .reply(201, run(3, "archon-task-42"))
      .patch("/repos/acme/api/check-runs/3", (body) => sizes.push(body.output.annotations.length) > 0)
      .times(2)
      .reply(200, run(3, "archon-task-42"));

    const result = await ensureCheckRun({
      ...input, status: "completed", conclusion: "failure", output: { title: "2 failed", summary: "…", annotations },
    });

    expect(result.action).toBe("created");
    expect(sizes).toEqual([50, 50, 20]);
    scope.done();
  });

  it("sends only the annotations the run does not have yet", async () => {
    const annotations = [annotation(1), annotation(2), annotation(3)];
    const existing = run(2, "archon-task-42", {
      status: "completed", conclusion: "failure", output: { title: "Failed", summary: "x", text: null, annotations_count: 2 },
    });
    const scope = list()
      .reply(200, { total_count: 1, check_runs: [existing] })
      .patch("/repos/acme/api/check-runs/2", (body) => body.output.annotations.length === 1 && body.output.annotations[0].start_line === 3)
      .reply(200, existing);

    const result = await ensureCheckRun({
      ...input, status: "completed", conclusion: "failure", output: { title: "Failed", summary: "x", annotations },
    });

    expect(result.action).toBe("updated");
    scope.done();
  });
});
