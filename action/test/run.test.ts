import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getOctokit } from "@actions/github";
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionContext } from "../src/action-context.js";
import { run } from "../src/main.js";
import { SUMMARY_LIMIT } from "../src/report/summary.js";
import { fixture } from "./support/fixtures.js";
import { API, mockCheckRuns } from "./support/github-mock.js";
import { junitXml } from "./support/test-runs.js";

const HEAD_SHA = "a".repeat(40);

let workspace: string;
let outputFile: string;
let stdout: string[];
// @actions/core remembers the first job summary path it sees, so one file serves every test.
const summaryDir = mkdtempSync(path.join(tmpdir(), "archon-action-summary-"));
const summaryFile = path.join(summaryDir, "step-summary.md");

function context(overrides: Partial<ActionContext> = {}): ActionContext {
  return {
    owner: "owner",
    repo: "repo",
    headSha: HEAD_SHA,
    pullNumber: 12,
    workflow: "CI",
    job: "test",
    runId: 99,
    serverUrl: "https://github.com",
    workspace,
    ...overrides,
  };
}

// @actions/github's default fetch bypasses the interceptors nock installs on the global fetch.
function octokit() {
  return getOctokit("test-token", { request: { fetch: (...args: Parameters<typeof fetch>) => fetch(...args) } });
}

function write(file: string, content: string): void {
  mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
  writeFileSync(path.join(workspace, file), content);
}

function inputs(values: Record<string, string>): void {
  for (const [name, value] of Object.entries({ "github-token": "test-token", ...values })) {
    vi.stubEnv(`INPUT_${name.toUpperCase()}`, value);
  }
}

function outputs(): Record<string, string> {
  const text = readFileSync(outputFile, "utf8");
  const result: Record<string, string> = {};
  for (const match of text.matchAll(/^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm)) result[match[1] ?? ""] = match[3] ?? "";
  return result;
}

function errors(): string[] {
  return stdout.filter((line) => line.startsWith("::error::"));
}

beforeAll(() => {
  vi.stubEnv("GITHUB_STEP_SUMMARY", summaryFile);
});

afterAll(() => {
  rmSync(summaryDir, { recursive: true, force: true });
});

beforeEach(() => {
  workspace = mkdtempSync(path.join(tmpdir(), "archon-action-"));
  outputFile = path.join(workspace, "github-output");
  writeFileSync(outputFile, "");
  writeFileSync(summaryFile, "");
  vi.stubEnv("GITHUB_OUTPUT", outputFile);
  vi.stubEnv("GITHUB_STEP_SUMMARY", summaryFile);
  stdout = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(...String(chunk).split("\n"));
    return true;
  });
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  rmSync(workspace, { recursive: true, force: true });
  process.exitCode = undefined;
  expect(pending).toEqual([]);
});

describe("run", () => {
  it("sends 1,237 annotations in 1 create and 24 updates and cuts the summary with a note", async () => {
    write("src/big.test.js", "// tests\n");
    write("reports/junit.xml", junitXml(3_000, 1_237));
    inputs({ reports: "reports/*.xml" });
    const requests = mockCheckRuns({ sha: HEAD_SHA, updates: 24 });

    await run({ octokit: octokit(), context: context() });

    const carrying = requests.filter((request) => (request.body.output?.annotations?.length ?? 0) > 0);
    expect(carrying.map((request) => request.method)).toEqual(["POST", ...Array<string>(24).fill("PATCH")]);
    expect(carrying.map((request) => request.body.output?.annotations?.length)).toEqual([
      ...Array<number>(24).fill(50),
      37,
    ]);
    expect(requests[0]?.body).toMatchObject({
      head_sha: HEAD_SHA,
      status: "in_progress",
      external_id: expect.stringMatching(/^archon-tests:/),
    });
    expect(requests.slice(1, -1).every((request) => request.body.status === "in_progress")).toBe(true);
    expect(requests.at(-1)?.body).toMatchObject({ status: "completed", conclusion: "failure" });

    const summary = requests[0]?.body.output?.summary ?? "";
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(summary).toMatch(/> \*\*\d+ of 1237 failures were left out\*\* of this summary/);
    expect(readFileSync(summaryFile, "utf8")).toContain(summary);
    expect(outputs()).toEqual({
      passed: "1763",
      failed: "1237",
      skipped: "0",
      total: "3000",
      "check-run-url": "https://github.com/owner/repo/runs/7",
    });
    expect(errors()).toEqual(["::error::1237 of 3000 tests failed: https://github.com/owner/repo/runs/7"]);
  });

  it("reports every runner's file, names a malformed one and keeps counting the rest", async () => {
    for (const name of [
      "jest-junit.xml",
      "vitest.xml",
      "pytest.xml",
      "go-junit-report.xml",
      "mocha-junit.xml",
      "nested.xml",
      "malformed.xml",
    ]) {
      write(`reports/${name}`, fixture(name));
    }
    write("src/sum.test.js", "");
    write("tests/test_api.py", "");
    inputs({ reports: "reports/*.xml", "fail-on-failure": "false", name: "Unit tests" });
    const requests = mockCheckRuns({ sha: HEAD_SHA, updates: 0 });

    await run({ octokit: octokit(), context: context() });

    expect(requests).toHaveLength(1);
    const body = requests[0]?.body;
    expect(body).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: { title: "7 failed, 12 passed, 3 skipped of 22 tests" },
    });
    expect(body?.output?.annotations).toEqual([
      expect.objectContaining({ path: "src/sum.test.js", start_line: 9, title: "sum adds negatives" }),
      expect.objectContaining({
        path: "tests/test_api.py",
        start_line: 12,
        title: "tests.test_api.TestItems › test_create_item",
      }),
      // conftest.py is not in this workspace: the classname still points at the module.
      expect.objectContaining({ path: "tests/test_api.py", start_line: 1, title: "tests.test_api › test_db" }),
    ]);
    expect(body?.output?.summary).toContain("- Skipped `reports/malformed.xml`: not well-formed XML");
    expect(body?.output?.summary).toContain("#### test/math.test.ts › math &gt; divides\nfailure at location unknown");
    expect(stdout).toContain(
      "::warning::Skipped reports/malformed.xml: not well-formed XML: <testsuites>, <testsuite>, <testcase>, <failure> never closed (was the file cut short?)",
    );
    expect(outputs()).toMatchObject({ passed: "12", failed: "7", skipped: "3", total: "22" });
    expect(errors()).toEqual([]);
  });

  it("annotates only files the pull request changed when asked", async () => {
    write("src/sum.test.js", "");
    write("tests/test_api.py", "");
    write("jest.xml", fixture("jest-junit.xml"));
    write("pytest.xml", fixture("pytest.xml"));
    inputs({ reports: "jest.xml,\npytest.xml", "annotate-only-changed-files": "true" });
    nock(API)
      .get("/repos/owner/repo/pulls/12/files")
      .query(true)
      .reply(200, [{ filename: "tests/test_api.py" }, { filename: "README.md" }]);
    const requests = mockCheckRuns({ sha: HEAD_SHA, updates: 0 });

    await run({ octokit: octokit(), context: context() });

    expect(requests[0]?.body.output?.annotations).toEqual([
      expect.objectContaining({ path: "tests/test_api.py", title: "tests.test_api.TestItems › test_create_item" }),
      expect.objectContaining({ path: "tests/test_api.py", title: "tests.test_api › test_db" }),
    ]);
    expect(requests[0]?.body.output?.summary).toContain("src/sum.test.js:9");
  });

  it("updates its own check run on a rerun and does not repeat annotations already there", async () => {
    write("src/sum.test.js", "");
    write("jest.xml", fixture("jest-junit.xml"));
    inputs({ reports: "jest.xml" });
    const first = mockCheckRuns({ sha: HEAD_SHA, updates: 0 });
    await run({ octokit: octokit(), context: context() });
    const externalId = first[0]?.body.external_id ?? "";
    const annotation = first[0]?.body.output?.annotations?.[0] as Record<string, unknown>;

    nock(API).get("/repos/owner/repo/check-runs/7/annotations").query(true).reply(200, [annotation]);
    const rerun = mockCheckRuns({
      sha: HEAD_SHA,
      creates: 0,
      updates: 1,
      existing: [
        { id: 5, external_id: "someone-else" },
        { id: 7, external_id: externalId },
      ],
    });
    await run({ octokit: octokit(), context: context() });

    expect(rerun).toEqual([
      {
        method: "PATCH",
        body: expect.objectContaining({
          status: "completed",
          conclusion: "failure",
          output: expect.objectContaining({ annotations: [] }),
        }),
      },
    ]);
  });

  it("puts a neutral check run on the head commit when there are no tests", async () => {
    write("empty.xml", "<testsuites/>");
    inputs({ reports: "empty.xml" });
    const requests = mockCheckRuns({ sha: "b".repeat(40), updates: 0 });

    await run({ octokit: octokit(), context: context({ headSha: "b".repeat(40) }) });

    expect(requests[0]?.body).toMatchObject({
      head_sha: "b".repeat(40),
      status: "completed",
      conclusion: "neutral",
      output: { title: "No tests found" },
    });
    expect(errors()).toEqual([]);
  });

  it("fails naming the globs that matched nothing, after reporting them on the check run", async () => {
    write("jest.xml", fixture("jest-junit.xml"));
    inputs({ reports: "jest.xml\nmissing/*.xml\n!jest-old.xml" });
    const requests = mockCheckRuns({ sha: HEAD_SHA, updates: 0 });

    await run({ octokit: octokit(), context: context() });

    expect(requests[0]?.body.output?.summary).toContain("- No file matched `missing/\\*.xml`");
    expect(errors()).toEqual(['::error::No JUnit report matched "missing/*.xml"']);
  });

  it("explains a token that may not write checks", async () => {
    write("jest.xml", fixture("jest-junit.xml"));
    inputs({ reports: "jest.xml" });
    nock(API)
      .get(`/repos/owner/repo/commits/${HEAD_SHA}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] });
    nock(API).post("/repos/owner/repo/check-runs").reply(403, { message: "Resource not accessible by integration" });

    await run({ octokit: octokit(), context: context() });

    expect(errors()[0]).toMatch(/^::error::Resource not accessible by integration.*The token needs "checks: write"/);
  });

  it.each<{ values: Record<string, string>; message: string }>([
    { values: { reports: "" }, message: "reports names no glob" },
    { values: { reports: "a.xml", "fail-on-failure": "yes" }, message: "fail-on-failure must be true or false" },
  ])("rejects bad inputs: $message", async ({ values, message }) => {
    inputs(values);
    await run({ octokit: octokit(), context: context() });
    expect(errors()[0]).toContain(message);
  });
});
