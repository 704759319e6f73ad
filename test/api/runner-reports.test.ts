import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHandler } from "../../src/api/create-api-handler.js";
import type { TaskCommands } from "../../src/api/ports.js";
import { createRunnerToken, formatRunKey } from "../../src/auth/runner-token.js";
import { createToken } from "../../src/auth/token.js";
import type { DatabaseHandle } from "../../src/db/connect.js";
import { upsertInstallation, upsertRepository } from "../../src/db/installation.repository.js";
import { findRunnerReport } from "../../src/db/runner-report.repository.js";
import { insertTask } from "../../src/db/task.repository.js";
import type { TaskStatus } from "../../src/domain/task-status.js";
import { testDatabases } from "../support/databases.js";
import { serve, type TestServer } from "./serve.js";
import { SECRET, tamper, token } from "./tokens.js";

const silent = { error: () => undefined, warn: () => undefined };
const noCommands = {} as TaskCommands;
const PATH = "/api/runner/reports";

const report = {
  changes: [
    { action: "create", path: "src/health.js", content: "export const health = () => ({ ok: true });\n" },
    { action: "delete", path: "src/old.js" },
  ],
  report: { summary: "Added the health route", details: ["One route, one module"] },
  usage: { tokensIn: 1200, tokensOut: 340, costUsd: 0.0123 },
  tests: { passed: 3, failed: 0, outputTail: "3 passing" },
};

describe.each(testDatabases())("runner reports on $name", (backend) => {
  let handle: DatabaseHandle;
  let server: TestServer;
  let repositoryId: string;
  let attempt = 0;

  async function post(body: unknown, bearer?: string, raw?: string, path = PATH) {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    const response = await fetch(`${server.url}${path}`, { method: "POST", headers, body: raw ?? JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  async function task(status: TaskStatus = "running", config: Record<string, unknown> = {}): Promise<string> {
    const { task } = await insertTask(handle.db, {
      installation_id: 1,
      repository_id: repositoryId,
      source: "api",
      status,
      title: "Add a /health endpoint",
      requested_by: "octocat",
      spent_usd: 0,
      config: JSON.stringify(config),
    });
    return String(task.id);
  }

  /** A runner token for a fresh attempt of the task. */
  async function runner(taskId: string, options: { ttl?: number; now?: Date; secret?: string; repository?: string } = {}) {
    attempt += 1;
    const runKey = formatRunKey({ taskId, planVersion: 1, step: 0, attempt });
    const grant = { installationId: 1, repository: options.repository ?? "acme/app", taskId, runKey, ttl: options.ttl ?? 600 };
    return { runKey, token: await createRunnerToken(options.secret ?? SECRET, grant, options.now) };
  }

  beforeAll(async () => {
    handle = await backend.open();
    await upsertInstallation(handle.db, { id: 1, accountLogin: "acme" });
    repositoryId = String((await upsertRepository(handle.db, { installationId: 1, fullName: "acme/app" })).id);
    server = await serve(createApiHandler({ db: handle.db, jwtSecret: SECRET, tasks: noCommands, logger: silent }));
  });
  afterAll(async () => {
    await server?.close();
    await handle?.close();
  });

  it("stores a first report and answers 202 with the run key", async () => {
    const id = await task();
    const { runKey, token: bearer } = await runner(id);
    const answer = await post(report, bearer);
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ accepted: true, runKey });
    const stored = await findRunnerReport(handle.db, runKey);
    // bigint comes back as a string from PostgreSQL and as a number from PGlite.
    expect(String(stored?.task_id)).toBe(id);
    expect(stored).toMatchObject({
      changes: report.changes,
      report: report.report,
      usage: { tokens_in: 1200, tokens_out: 340, cost_usd: 0.0123 },
      tests: { passed: 3, failed: 0, output_tail: "3 passing" },
    });
    expect(stored?.received_at).toBeInstanceOf(Date);
  });

  it("answers a second report for the same attempt with 200 and changes nothing", async () => {
    const id = await task();
    const { runKey, token: bearer } = await runner(id);
    expect((await post(report, bearer)).status).toBe(202);
    const before = await findRunnerReport(handle.db, runKey);
    const other = { ...report, report: { summary: "Something else", details: [] }, tests: undefined };
    const again = await post(other, bearer);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ accepted: false, reason: "already reported" });
    expect(await findRunnerReport(handle.db, runKey)).toEqual(before);
  });

  it("stores one of two reports for the same attempt sent at once", async () => {
    const { runKey, token: bearer } = await runner(await task());
    const answers = await Promise.all([post(report, bearer), post(report, bearer)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 202]);
    const rows = await handle.db.selectFrom("runner_reports").select("id").where("run_key", "=", runKey).execute();
    expect(rows).toHaveLength(1);
  });

  it("stores a report without tests as null", async () => {
    const id = await task();
    const { runKey, token: bearer } = await runner(id);
    expect((await post({ ...report, tests: undefined }, bearer)).status).toBe(202);
    expect((await findRunnerReport(handle.db, runKey))?.tests).toBeNull();
  });

  describe("refuses a request without a good runner token", () => {
    let id: string;
    beforeAll(async () => {
      id = await task();
    });
    const cases: [string, string, () => Promise<string | undefined>][] = [
      ["missing", "missing", async () => undefined],
      ["malformed", "malformed", async () => "not-a-jwt"],
      ["an API token (wrong audience)", "wrong_audience", () => token(1, "archon-api")],
      ["an MCP token (wrong audience)", "wrong_audience", () => token(1, "archon-mcp")],
      ["expired", "expired", async () => (await runner(id, { ttl: 60, now: new Date(Date.now() - 3_600_000) })).token],
      ["tampered", "bad_signature", async () => tamper((await runner(id)).token)],
      ["signed with another secret", "bad_signature", async () => (await runner(id, { secret: "another-secret-that-is-long-enough-too" })).token],
    ];

    it.each(cases)("%s: 401 with the error code", async (_name, code, make) => {
      const answer = await post(report, await make());
      expect(answer.status).toBe(401);
      expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(answer.body.error).toMatchObject({ code: "unauthorized", details: { token: code } });
    });

    it("a runner token with claims the signature does not cover: 401", async () => {
      const api = await createToken(SECRET, { installationId: 1, audience: "archon-api", ttl: 60 });
      const answer = await post(report, api.replace(/^[^.]+\.[^.]+/, (await runner(id)).token.split(".").slice(0, 2).join(".")));
      expect(answer.status).toBe(401);
      expect(answer.body.error.details.token).toBe("bad_signature");
    });

    it("stores nothing for any of them", async () => {
      const count = await handle.db.selectFrom("runner_reports").select((eb) => eb.fn.countAll<string>().as("n")).where("task_id", "=", id).executeTakeFirst();
      expect(Number(count?.n)).toBe(0);
    });
  });

  it("refuses a runner token on the task routes", async () => {
    const { token: bearer } = await runner(await task());
    for (const [method, path] of [["GET", "/api/tasks"], ["POST", "/api/tasks"], ["GET", "/api/knowledge/search?q=x"]] as const) {
      const response = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" }, ...(method === "POST" ? { body: "{}" } : {}) });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    }
  });

  it.each(["done", "failed", "cancelled"] as const)("refuses a report for a %s task with 409", async (status) => {
    const id = await task(status);
    const { runKey, token: bearer } = await runner(id);
    const answer = await post(report, bearer);
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({ code: "conflict", message: `task ${id} is ${status}; it takes no more reports` });
    expect(await findRunnerReport(handle.db, runKey)).toBeUndefined();
  });

  it("refuses a report for a task that does not exist, or not in the token's repository, with 409", async () => {
    const missing = await runner("999999");
    expect((await post(report, missing.token)).body.error).toMatchObject({ code: "conflict", message: "task 999999 does not exist in acme/app" });
    const elsewhere = await runner(await task(), { repository: "acme/other" });
    expect((await post(report, elsewhere.token)).status).toBe(409);
    expect(await findRunnerReport(handle.db, elsewhere.runKey)).toBeUndefined();
  });

  it("refuses changes the guardrails forbid with 422 naming each path and rule, and stores nothing", async () => {
    const id = await task("running", { paths: { allowed: [], forbidden: ["secrets/**"] } });
    const { runKey, token: bearer } = await runner(id);
    const changes = [
      { action: "create", path: ".github/workflows/ci.yml", content: "on: push\n" },
      { action: "modify", path: "secrets/keys.txt", content: "x" },
      { action: "create", path: "src/fine.js", content: "ok" },
    ];
    const answer = await post({ ...report, changes }, bearer);
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe("guardrail_violation");
    expect(Object.keys(answer.body.error.details).sort()).toEqual([".github/workflows/ci.yml", "secrets/keys.txt"]);
    expect(answer.body.error.details[".github/workflows/ci.yml"]).toMatch(/^protected-path: /);
    expect(answer.body.error.details["secrets/keys.txt"]).toMatch(/^forbidden: .*secrets\/\*\*/);
    expect(await findRunnerReport(handle.db, runKey)).toBeUndefined();
    // The attempt may still report changes that pass.
    expect((await post(report, bearer)).status).toBe(202);
  });

  it.each([
    ["usage.tokensIn", { ...report, usage: { ...report.usage, tokensIn: -1 } }],
    ["changes.0.action", { ...report, changes: [{ action: "rename", path: "a", content: "" }] }],
    ["changes.0.content", { ...report, changes: [{ action: "create", path: "a" }] }],
    ["report.summary", { ...report, report: { details: [] } }],
    ["tests.passed", { ...report, tests: { passed: "3", failed: 0 } }],
    ["extra", { ...report, extra: true }],
  ])("refuses an invalid body with 422 naming %s", async (field, body) => {
    const { runKey, token: bearer } = await runner(await task());
    const answer = await post(body, bearer);
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe("invalid_report");
    expect(Object.keys(answer.body.error.details)).toContain(field);
    expect(await findRunnerReport(handle.db, runKey)).toBeUndefined();
  });

  it("refuses a body over the limit with 413 and malformed JSON with 400", async () => {
    const { token: bearer } = await runner(await task());
    const huge = { ...report, changes: [{ action: "create", path: "big.txt", content: "x".repeat(5 * 1024 * 1024) }] };
    const tooLarge = await post(huge, bearer);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe("payload_too_large");
    expect((await post(undefined, bearer, "{not json")).body.error.code).toBe("malformed_json");
  });

  it("answers 404 for other runner paths and 503 without a secret", async () => {
    const { token: bearer } = await runner(await task());
    expect((await post(report, bearer, undefined, "/api/runner/nothing")).status).toBe(404);
    const unconfigured = await serve(createApiHandler({ db: handle.db, jwtSecret: undefined, tasks: noCommands, logger: silent }));
    try {
      const response = await fetch(`${unconfigured.url}${PATH}`, { method: "POST", headers: { authorization: `Bearer ${bearer}` } });
      expect(response.status).toBe(503);
    } finally {
      await unconfigured.close();
    }
  });
});
