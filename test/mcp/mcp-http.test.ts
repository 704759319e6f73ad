import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import type { RepositoryFacts } from "../../src/domain/plan.js";
import { createMemoryQueue } from "../../src/queue/memory-queue.js";
import { applyEvent } from "../../src/worker/apply-event.js";
import { createOrchestratorTaskCommands } from "../../src/worker/orchestrator-task-commands.js";
import type { DatabaseHandle } from "../../src/db/connect.js";
import { upsertInstallation, upsertRepository } from "../../src/db/installation.repository.js";
import { updateTask } from "../../src/db/task.repository.js";
import { createMcpHandler } from "../../src/mcp/create-mcp-handler.js";
import { createRunnerToken } from "../../src/auth/runner-token.js";
import { serve, type TestServer } from "../api/serve.js";
import { SECRET, token } from "../api/tokens.js";
import { testDatabases } from "../support/databases.js";
import { callTool, connectHttp } from "./client.js";

const TOOLS = [
  "create_project",
  "create_task",
  "find_documents",
  "find_projects",
  "find_tasks",
  "health_check",
  "manage_document",
  "manage_project",
  "manage_task",
  "rag_get_available_sources",
  "rag_search_knowledge_base",
];

describe.each(testDatabases())("MCP over streamable HTTP on $name", (backend) => {
  let handle: DatabaseHandle;
  let server: TestServer;
  let a: Client;
  let b: Client;
  let repoProjectOfA: string;

  beforeAll(async () => {
    handle = await backend.open();
    await upsertInstallation(handle.db, { id: 1, accountLogin: "acme" });
    await upsertInstallation(handle.db, { id: 2, accountLogin: "beta" });
    await upsertRepository(handle.db, { installationId: 1, fullName: "acme/app" });
    await upsertRepository(handle.db, { installationId: 2, fullName: "beta/app" });
    server = await serve(
      createMcpHandler({ db: handle.db, jwtSecret: SECRET, tasks: createOrchestratorTaskCommands({ db: handle.db, queue: createMemoryQueue(), logger: pino({ level: "silent" }) }), logger: { error: () => undefined } }),
    );
    a = await connectHttp(server.url, await token(1, "archon-mcp"));
    b = await connectHttp(server.url, await token(2, "archon-mcp"));
    const projects = await callTool(a, "find_projects");
    repoProjectOfA = projects.json.projects.find((p: { repository: string }) => p.repository === "acme/app").id;
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.close();
    await handle?.close();
  });

  it("lists every tool with a description and the task and document resources", async () => {
    const { tools } = await a.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOLS);
    for (const tool of tools) expect(tool.description?.length, tool.name).toBeGreaterThan(30);
    const { resourceTemplates } = await a.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual(["archon://documents/{id}", "archon://tasks/{id}"]);
  });

  it("reports health and the connection's installation", async () => {
    const health = await callTool(a, "health_check");
    expect(health.json).toMatchObject({ status: "healthy", database: "ok", installation: 1, repositories: "all" });
  });

  it("creates a task in a repository's project and follows it on the board", async () => {
    const created = await callTool(a, "create_task", {
      project_id: repoProjectOfA,
      title: "Add a /health endpoint",
      description: "Return 200",
      assignee: "octocat",
      sources: ["https://example.com/spec"],
    });
    expect(created.isError).toBe(false);
    expect(created.json.task).toMatchObject({
      repository: "acme/app",
      projectId: repoProjectOfA,
      status: "todo",
      archonStatus: "received",
      source: "mcp",
      assignee: "octocat",
      sources: ["https://example.com/spec"],
    });
    const id = created.json.task.id as string;

    const todo = await callTool(a, "find_tasks", { project_id: repoProjectOfA, status: "todo" });
    expect(todo.json.tasks.map((t: { id: string }) => t.id)).toContain(id);
    expect((await callTool(a, "find_tasks", { status: "doing" })).json.tasks).toEqual([]);

    const renamed = await callTool(a, "manage_task", { action: "update", task_id: id, title: "Add /healthz" });
    expect(renamed.json.task.title).toBe("Add /healthz");

    // The plan is made and waits for approval.
    await updateTask(handle.db, id, { config: { requireApproval: true } });
    const steps = [{ position: 1, agent: "CodeGenerationAgent" as const, title: "Write it", dependsOn: [], files: [] }];
    const facts: RepositoryFacts = { language: "javascript", framework: "express", moduleStyle: "esm", testRunner: "jest", testCommand: "npm test", paths: [] };
    await applyEvent({ db: handle.db, queue: createMemoryQueue(), logger: pino({ level: "silent" }) }, id, { type: "task_created", plan: { summary: "One step", facts, steps } });
    const fixed = await callTool(a, "manage_task", { action: "update", task_id: id, title: "Too late" });
    expect(fixed.isError).toBe(true);
    expect(fixed.text).toMatch(/^conflict/);
    const approved = await callTool(a, "manage_task", { action: "update", task_id: id, command: "approve" });
    expect(approved.json.task).toMatchObject({ status: "doing", archonStatus: "running" });

    const one = await callTool(a, "find_tasks", { task_id: id });
    expect(one.json).toMatchObject({ task: { id, status: "doing" }, plan: { version: 1, summary: "One step" }, agentRuns: [], ciResults: [] });

    const resource = await a.readResource({ uri: `archon://tasks/${id}` });
    expect(JSON.parse((resource.contents[0] as { text: string }).text).task.title).toBe("Add /healthz");

    const deleted = await callTool(a, "manage_task", { action: "delete", task_id: id });
    expect(deleted.json.task).toMatchObject({ status: "done", archonStatus: "cancelled" });
  });

  it("keeps standalone projects and says their tasks cannot run agents", async () => {
    const created = await callTool(a, "create_project", { title: "Ideas", description: "Loose notes" });
    expect(created.json.project).toMatchObject({ title: "Ideas", repository: null, standalone: true });
    const id = created.json.project.id as string;
    const task = await callTool(a, "create_task", { project_id: id, title: "Do a thing" });
    expect(task.isError).toBe(true);
    expect(task.text).toContain("cannot run agents");
    const updated = await callTool(a, "manage_project", { action: "update", project_id: id, description: "Sharper notes" });
    expect(updated.json.project.description).toBe("Sharper notes");
    const repoDelete = await callTool(a, "manage_project", { action: "delete", project_id: repoProjectOfA });
    expect(repoDelete.isError).toBe(true);
    expect((await callTool(a, "manage_project", { action: "delete", project_id: id })).json).toEqual({ deleted: id });
    expect((await callTool(a, "find_projects", { project_id: id })).isError).toBe(true);
  });

  it("adds, finds, searches, updates and deletes documents", async () => {
    const added = await callTool(a, "manage_document", {
      action: "create",
      kind: "adr",
      title: "Queue transport",
      body: "Redis streams carry jobs; PostgreSQL keeps the outbox.",
      repository: "acme/app",
    });
    const id = added.json.document.id as string;
    const search = await callTool(a, "rag_search_knowledge_base", { query: "outbox", match_count: 3, source: "acme/app" });
    expect(search.json.results).toHaveLength(1);
    expect(search.json.results[0].snippet).toContain("**outbox**");
    const sources = await callTool(a, "rag_get_available_sources");
    expect(sources.json.sources).toEqual([expect.objectContaining({ repository: "acme/app", documents: 1, kinds: { adr: 1 } })]);
    expect((await callTool(a, "find_documents", { document_id: id })).json.document.title).toBe("Queue transport");
    expect((await callTool(a, "find_documents", { query: "streams" })).json.results[0].id).toBe(id);
    expect((await callTool(a, "find_documents", {})).json.documents.map((d: { id: string }) => d.id)).toEqual([id]);
    await callTool(a, "manage_document", { action: "update", document_id: id, body: "Valkey streams now." });
    expect((await callTool(a, "rag_search_knowledge_base", { query: "valkey" })).json.results).toHaveLength(1);
    const markdown = await a.readResource({ uri: `archon://documents/${id}` });
    expect((markdown.contents[0] as { text: string }).text).toBe("# Queue transport\n\nValkey streams now.");
    await callTool(a, "manage_document", { action: "delete", document_id: id });
    expect((await callTool(a, "find_documents", { document_id: id })).isError).toBe(true);
  });

  it("never lets another installation see or change anything", async () => {
    const task = (await callTool(a, "create_task", { project_id: repoProjectOfA, title: "Private" })).json.task.id as string;
    const doc = (await callTool(a, "manage_document", { action: "create", kind: "doc", title: "Secret plan", body: "marmalade recipe" })).json.document.id as string;
    const project = (await callTool(a, "create_project", { title: "Acme only" })).json.project.id as string;

    const attempts: [string, Record<string, unknown>][] = [
      ["find_tasks", { task_id: task }],
      ["manage_task", { action: "update", task_id: task, title: "mine" }],
      ["manage_task", { action: "update", task_id: task, command: "cancel" }],
      ["manage_task", { action: "delete", task_id: task }],
      ["create_task", { project_id: repoProjectOfA, title: "sneak" }],
      ["manage_task", { action: "create", project_id: repoProjectOfA, title: "sneak" }],
      ["find_projects", { project_id: project }],
      ["manage_project", { action: "update", project_id: project, title: "mine" }],
      ["manage_project", { action: "delete", project_id: project }],
      ["find_documents", { document_id: doc }],
      ["manage_document", { action: "update", document_id: doc, title: "mine" }],
      ["manage_document", { action: "delete", document_id: doc }],
      ["manage_document", { action: "create", kind: "doc", title: "x", body: "y", repository: "acme/app" }],
    ];
    for (const [tool, args] of attempts) {
      const answer = await callTool(b, tool, args);
      expect(answer.isError, `${tool} ${JSON.stringify(args)}`).toBe(true);
      expect(answer.text, tool).toMatch(/^not_found/);
    }
    expect((await callTool(b, "find_tasks")).json.tasks).toEqual([]);
    expect((await callTool(b, "find_projects")).json.projects.map((p: { repository: string }) => p.repository)).toEqual(["beta/app"]);
    expect((await callTool(b, "rag_search_knowledge_base", { query: "marmalade" })).json.results).toEqual([]);
    expect((await callTool(b, "find_documents", {})).json.documents).toEqual([]);
    expect((await callTool(b, "rag_get_available_sources")).json.sources).toEqual([]);
    await expect(b.readResource({ uri: `archon://tasks/${task}` })).rejects.toThrow(/no task/);
    await expect(b.readResource({ uri: `archon://documents/${doc}` })).rejects.toThrow(/no document/);
    expect((await b.listResources()).resources).toEqual([]);

    const still = await callTool(a, "find_tasks", { task_id: task });
    expect(still.json.task).toMatchObject({ title: "Private", archonStatus: "received" });
  });

  it("answers 401 with WWW-Authenticate without a valid archon-mcp token (API and runner tokens too)", async () => {
    const init = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "x", version: "1" } } };
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
    const runner = await createRunnerToken(SECRET, { installationId: 1, repository: "acme/app", taskId: "1", runKey: "task-1/plan-1/step-0/attempt-1", ttl: 60 });
    for (const auth of [undefined, "Bearer nonsense", `Bearer ${await token(1, "archon-api")}`, `Bearer ${runner}`]) {
      const response = await fetch(`${server.url}/mcp`, { method: "POST", headers: { ...headers, ...(auth ? { authorization: auth } : {}) }, body: JSON.stringify(init) });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
  });
});
