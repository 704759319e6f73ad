import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHandler } from "../../src/api/create-api-handler.js";
import { createToken } from "../../src/auth/token.js";
import type { DatabaseHandle } from "../../src/db/connect.js";
import { upsertInstallation, upsertRepository } from "../../src/db/installation.repository.js";
import { startAgentRun } from "../../src/db/agent-run.repository.js";
import { getLatestPlan, updateTask } from "../../src/db/task.repository.js";
import type { TaskEvent } from "../../src/domain/task-event.js";
import { createMemoryQueue } from "../../src/queue/memory-queue.js";
import { applyEvent } from "../../src/worker/apply-event.js";
import { createOrchestratorTaskCommands } from "../../src/worker/orchestrator-task-commands.js";
import { pino } from "pino";
import { recordCiResult } from "../../src/db/ci-result.repository.js";
import { testDatabases } from "../support/databases.js";
import { serve, type TestServer } from "./serve.js";
import { forgeClaims, SECRET, tamper, token } from "./tokens.js";

const silent = { error: () => undefined, warn: () => undefined };
const logger = pino({ level: "silent" });

interface Call {
  status: number;
  body: any;
  headers: Headers;
}

describe.each(testDatabases())("REST API on $name", (backend) => {
  let handle: DatabaseHandle;
  let server: TestServer;
  let unconfigured: TestServer;
  let tokenA: string;
  let tokenB: string;

  async function call(method: string, path: string, options: { token?: string | undefined; body?: unknown; raw?: string; base?: string } = {}): Promise<Call> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined || options.raw !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${options.base ?? server.url}${path}`, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  async function createTask(tokenValue: string, repository = "acme/app", title = "Add a /health endpoint"): Promise<string> {
    const created = await call("POST", "/api/tasks", { token: tokenValue, body: { repository, title, description: "Return 200 with {ok:true}" } });
    expect(created.status).toBe(201);
    return created.body.task.id as string;
  }

  beforeAll(async () => {
    handle = await backend.open();
    await upsertInstallation(handle.db, { id: 1, accountLogin: "acme" });
    await upsertInstallation(handle.db, { id: 2, accountLogin: "beta" });
    await upsertRepository(handle.db, { installationId: 1, fullName: "acme/app" });
    await upsertRepository(handle.db, { installationId: 1, fullName: "acme/lib" });
    await upsertRepository(handle.db, { installationId: 2, fullName: "beta/app" });
    const tasks = createOrchestratorTaskCommands({ db: handle.db, queue: createMemoryQueue(), logger });
    server = await serve(createApiHandler({ db: handle.db, jwtSecret: SECRET, tasks, logger: silent }));
    unconfigured = await serve(createApiHandler({ db: handle.db, jwtSecret: undefined, tasks, logger: silent }));
    tokenA = await token(1);
    tokenB = await token(2);
  });
  afterAll(async () => {
    await server?.close();
    await unconfigured?.close();
    await handle?.close();
  });

  it("creates a task and tracks it through plan, approval, agent runs, PR and CI", async () => {
    const created = await call("POST", "/api/tasks", {
      token: tokenA,
      body: { repository: "acme/app", title: "Add a /health endpoint", description: "Return 200", assignee: "octocat" },
    });
    expect(created.status).toBe(201);
    expect(created.body.task).toMatchObject({
      repository: "acme/app",
      status: "received",
      source: "api",
      title: "Add a /health endpoint",
      description: "Return 200",
      requestedBy: "tester-1",
      assignee: "octocat",
      pullRequest: null,
    });
    const id = created.body.task.id as string;

    const fresh = await call("GET", `/api/tasks/${id}`, { token: tokenA });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ task: { id, status: "received" }, plan: null, agentRuns: [], ciResults: [] });

    // What the orchestrator records as the task moves on: the plan waits for approval, the steps
    // succeed, the pull request opens and CI fails with no fix attempt allowed.
    const deps = { db: handle.db, queue: createMemoryQueue(), logger };
    const move = async (...events: TaskEvent[]) => {
      for (const event of events) await applyEvent(deps, id, event);
    };
    await updateTask(handle.db, id, { config: { requireApproval: true, maxFixAttempts: 0 } });
    await move({
      type: "task_created",
      plan: {
        summary: "One endpoint, one test",
        facts: { language: "javascript", framework: "express", moduleStyle: "esm", testRunner: "jest", testCommand: "npm test", paths: [] },
        steps: [
          { position: 0, agent: "CodeGenerationAgent", title: "Write the route", dependsOn: [], files: ["src/health.js"] },
          { position: 1, agent: "TestingAgent", title: "Test it", dependsOn: [0], files: ["test/health.test.js"] },
        ],
      },
    });
    const plan = (await getLatestPlan(handle.db, id))!;
    const approved = await call("POST", `/api/tasks/${id}/approve`, { token: tokenA });
    expect(approved.status).toBe(200);
    expect(approved.body.task.status).toBe("running");
    expect((await call("POST", `/api/tasks/${id}/approve`, { token: tokenA })).status).toBe(409);

    await startAgentRun(handle.db, { taskId: id, stepId: plan.steps[0]!.id, agent: "CodeGenerationAgent", provider: "template", attempt: 0 });
    await move(
      { type: "step_succeeded", position: 0, attempt: 1, summary: "route" },
      { type: "step_succeeded", position: 1, attempt: 1, summary: "test" },
      { type: "pr_opened", prNumber: 7, headSha: "abc123", url: "https://github.com/acme/app/pull/7" },
      { type: "ci_started", headSha: "abc123" },
    );
    await recordCiResult(handle.db, {
      taskId: id,
      headSha: "abc123",
      source: "check_run",
      externalId: "99",
      conclusion: "failure",
      passed: 3,
      failed: 1,
      skipped: 0,
      failures: [{ name: "health returns 200" }],
    });
    await move({ type: "ci_completed", headSha: "abc123", conclusion: "failure", failures: [{ name: "health returns 200", message: "500" }] });

    const tracked = await call("GET", `/api/tasks/${id}`, { token: tokenA });
    expect(tracked.body.task).toMatchObject({ status: "needs_attention", pullRequest: { number: 7, url: "https://github.com/acme/app/pull/7" } });
    expect(tracked.body.plan).toMatchObject({ version: 1, summary: "One endpoint, one test" });
    expect(tracked.body.plan.steps.map((s: { title: string }) => s.title)).toEqual(["Write the route", "Test it"]);
    expect(tracked.body.agentRuns).toMatchObject([{ agent: "CodeGenerationAgent", outcome: "running" }]);
    expect(tracked.body.ciResults).toMatchObject([{ conclusion: "failure", passed: 3, failed: 1 }]);

    expect((await call("POST", `/api/tasks/${id}/retry`, { token: tokenA, body: { step: 9 } })).status).toBe(400);
    const retried = await call("POST", `/api/tasks/${id}/retry`, { token: tokenA, body: { step: 1 } });
    expect(retried.status).toBe(200);
    // The pull request is open, so the step runs again as a fix of it, as `/archon retry 1` does.
    expect(retried.body.task.status).toBe("fixing");

    const cancelled = await call("POST", `/api/tasks/${id}/cancel`, { token: tokenA });
    expect(cancelled.body.task.status).toBe("cancelled");
    const again = await call("POST", `/api/tasks/${id}/cancel`, { token: tokenA });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");

    const listed = await call("GET", "/api/tasks?status=cancelled&repository=acme/app", { token: tokenA });
    expect(listed.body.tasks.map((t: { id: string }) => t.id)).toContain(id);
  });

  it("pages through tasks newest first with a cursor", async () => {
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push(await createTask(tokenA, "acme/lib", `Paged ${i}`));
    const first = await call("GET", "/api/tasks?repository=acme/lib&limit=2", { token: tokenA });
    expect(first.body.tasks.map((t: { id: string }) => t.id)).toEqual([ids[2], ids[1]]);
    const second = await call("GET", `/api/tasks?repository=acme/lib&limit=2&cursor=${first.body.nextCursor}`, { token: tokenA });
    expect(second.body.tasks.map((t: { id: string }) => t.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeNull();
  });

  describe("authentication", () => {
    const routes: [string, string][] = [
      ["GET", "/api/tasks"],
      ["POST", "/api/tasks"],
      ["GET", "/api/tasks/1"],
      ["POST", "/api/tasks/1/approve"],
      ["POST", "/api/tasks/1/retry"],
      ["POST", "/api/tasks/1/cancel"],
      ["GET", "/api/knowledge/search?q=x"],
      ["POST", "/api/knowledge"],
      ["GET", "/api/knowledge/1"],
    ];
    const badTokens: [string, () => Promise<string | undefined>][] = [
      ["missing", async () => undefined],
      ["malformed", async () => "not-a-jwt"],
      ["expired", () => createToken(SECRET, { installationId: 1, audience: "archon-api", ttl: 60 }, new Date(Date.now() - 3_600_000))],
      ["tampered signature", async () => tamper(await token(1))],
      ["tampered claims", async () => forgeClaims(await token(2), { inst: 1 })],
      ["signed with another secret", () => createToken("another-secret-that-is-long-enough-too", { installationId: 1, audience: "archon-api", ttl: 60 })],
      ["wrong audience", () => token(1, "archon-mcp")],
    ];

    it.each(badTokens)("answers 401 with WWW-Authenticate to a %s token on every route", async (_name, make) => {
      const bad = await make();
      for (const [method, path] of routes) {
        const response = await call(method, path, { token: bad, ...(method === "POST" ? { body: {} } : {}) });
        expect(response.status, `${method} ${path}`).toBe(401);
        expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
        expect(response.body.error.code).toBe("unauthorized");
      }
    });

    it("answers 503 on every route when no secret is configured", async () => {
      for (const [method, path] of routes) {
        const response = await call(method, path, { token: tokenA, base: unconfigured.url });
        expect(response.status).toBe(503);
        expect(response.body.error.code).toBe("unavailable");
      }
    });
  });

  describe("tenant isolation", () => {
    let taskOfA: string;
    let documentOfA: string;

    beforeAll(async () => {
      taskOfA = await createTask(tokenA);
      const added = await call("POST", "/api/knowledge", {
        token: tokenA,
        body: { kind: "adr", title: "Private decision of acme", body: "We chose tangerine", repository: "acme/app" },
      });
      expect(added.status).toBe(201);
      documentOfA = added.body.document.id;
    });

    it("answers 404, never 403, on every route reaching another installation's data", async () => {
      const attempts: [string, string, unknown?][] = [
        ["GET", `/api/tasks/${taskOfA}`],
        ["POST", `/api/tasks/${taskOfA}/approve`],
        ["POST", `/api/tasks/${taskOfA}/retry`, {}],
        ["POST", `/api/tasks/${taskOfA}/cancel`],
        ["GET", `/api/knowledge/${documentOfA}`],
        ["POST", "/api/tasks", { repository: "acme/app", title: "Sneak in" }],
        ["POST", "/api/knowledge", { kind: "doc", title: "x", body: "y", repository: "acme/app" }],
      ];
      for (const [method, path, body] of attempts) {
        const response = await call(method, path, { token: tokenB, body });
        expect(response.status, `${method} ${path}`).toBe(404);
        expect(response.body.error.code).toBe("not_found");
      }
      // Same answer as for ids that exist nowhere.
      expect((await call("GET", "/api/tasks/999999", { token: tokenB })).body.error.message).toBe("no task 999999");
      expect((await call("GET", `/api/tasks/${taskOfA}`, { token: tokenB })).body.error.message).toBe(`no task ${taskOfA}`);
      const still = await call("GET", `/api/tasks/${taskOfA}`, { token: tokenA });
      expect(still.body.task.status).toBe("received");
    });

    it("lists and searches only the token's installation", async () => {
      const theirs = await createTask(tokenB, "beta/app", "Beta's own task");
      const listB = await call("GET", "/api/tasks", { token: tokenB });
      expect(listB.body.tasks.map((t: { id: string }) => t.id)).toEqual([theirs]);
      const listA = await call("GET", "/api/tasks?limit=100", { token: tokenA });
      expect(listA.body.tasks.map((t: { id: string }) => t.id)).not.toContain(theirs);
      expect((await call("GET", "/api/tasks?repository=acme/app", { token: tokenB })).body.tasks).toEqual([]);
      expect((await call("GET", "/api/knowledge/search?q=tangerine", { token: tokenB })).body.results).toEqual([]);
      const mine = await call("GET", "/api/knowledge/search?q=tangerine", { token: tokenA });
      expect(mine.body.results[0].id).toBe(documentOfA);
      expect(mine.body.results[0].snippet).toContain("**tangerine**");
    });

    it("holds a token limited to repositories to those repositories", async () => {
      const libOnly = await token(1, "archon-api", ["acme/lib"]);
      expect((await call("GET", `/api/tasks/${taskOfA}`, { token: libOnly })).status).toBe(404);
      expect((await call("POST", "/api/tasks", { token: libOnly, body: { repository: "acme/app", title: "x" } })).status).toBe(404);
      const listed = await call("GET", "/api/tasks?limit=100", { token: libOnly });
      expect(new Set(listed.body.tasks.map((t: { repository: string }) => t.repository))).toEqual(new Set(["acme/lib"]));
    });
  });

  describe("validation", () => {
    it.each([
      [{}, { repository: expect.any(String), title: expect.any(String) }],
      [{ repository: "not a repo", title: "x" }, { repository: "expected owner/name" }],
      [{ repository: "acme/app", title: "" }, { title: expect.any(String) }],
      [{ repository: "acme/app", title: "x", approve: "yes" }, { approve: expect.any(String) }],
      [{ repository: "acme/app", title: "x", surprise: 1 }, { surprise: "unknown field" }],
    ])("rejects the task body %j with per-field details", async (body, details) => {
      const response = await call("POST", "/api/tasks", { token: tokenA, body });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("invalid_request");
      expect(response.body.error.details).toEqual(details);
    });

    it.each([
      ["/api/tasks?limit=500", "limit"],
      ["/api/tasks?status=sleeping", "status"],
      ["/api/tasks?cursor=bm90LWEtY3Vyc29y", "cursor"],
      ["/api/knowledge/search", "q"],
      ["/api/knowledge/search?q=x&kind=novel", "kind"],
    ])("rejects the query %s naming %s", async (path, field) => {
      const response = await call("GET", path, { token: tokenA });
      expect(response.status).toBe(400);
      expect(Object.keys(response.body.error.details)).toEqual([field]);
    });

    it("rejects a body that is not JSON and a retry step that is not a number", async () => {
      const broken = await call("POST", "/api/tasks", { token: tokenA, raw: "{ not json" });
      expect(broken.status).toBe(400);
      expect(broken.body.error.code).toBe("malformed_json");
      const id = await createTask(tokenA);
      const step = await call("POST", `/api/tasks/${id}/retry`, { token: tokenA, body: { step: "two" } });
      expect(step.status).toBe(400);
      expect(step.body.error.details).toEqual({ step: expect.any(String) });
    });

    it("answers 404 in the same JSON shape for unknown routes and ids", async () => {
      expect((await call("GET", "/api/nothing", { token: tokenA })).body.error.code).toBe("not_found");
      expect((await call("GET", "/api/tasks/abc", { token: tokenA })).status).toBe(404);
      expect((await call("GET", "/api/knowledge/abc", { token: tokenA })).status).toBe(404);
    });
  });

  it("serves an OpenAPI 3.1 document of every route without a token", async () => {
    const response = await call("GET", "/api/openapi.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(response.body.openapi).toBe("3.1.0");
    expect(Object.keys(response.body.paths).sort()).toEqual([
      "/api/knowledge",
      "/api/knowledge/search",
      "/api/knowledge/{id}",
      "/api/openapi.json",
      "/api/runner/reports",
      "/api/tasks",
      "/api/tasks/{id}",
      "/api/tasks/{id}/approve",
      "/api/tasks/{id}/cancel",
      "/api/tasks/{id}/retry",
    ]);
    const createBody = response.body.paths["/api/tasks"].post.requestBody.content["application/json"].schema;
    expect(createBody.required).toEqual(["repository", "title"]);
    expect(response.body.paths["/api/tasks"].get.parameters.map((p: { name: string }) => p.name)).toEqual(["repository", "status", "limit", "cursor"]);
  });

  it("leaves paths outside /api to the next handler", async () => {
    const response = await fetch(`${server.url}/apiary`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("not here");
  });
});
