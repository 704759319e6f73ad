import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApiHandler } from "../../src/api/create-api-handler.js";
import { createMcpHandler } from "../../src/mcp/create-mcp-handler.js";
import { createOrchestratorTaskCommands } from "../../src/worker/orchestrator-task-commands.js";
import { serve, type TestServer } from "../api/serve.js";
import { SECRET, token } from "../api/tokens.js";
import { callTool, connectHttp } from "../mcp/client.js";
import { testDatabases } from "../support/databases.js";
import { BOT } from "../support/github-fake.js";
import { type Harness, openHarness, warmUp } from "../support/github-harness.js";
import { INSTALLATION_ID, type Person, examplePayload, issuesPayload } from "../support/webhook-payloads.js";
import { statusComment } from "./events.js";
import { MAINTAINER, comment, deadJobs, expressRepo } from "./setup.js";

const REPOSITORY = "Codertocat/Hello-World";
const TITLE = "Add GET /todos/:id returning the todo or 404";
const APP_BOT: Person = { login: BOT.login, type: "Bot" };
const silent = { error: () => undefined, warn: () => undefined };

describe.each(testDatabases())("a script's task through the REST API and MCP ($name)", (backend) => {
  let h: Harness | undefined;
  let server: TestServer | undefined;
  let client: Client | undefined;
  beforeAll(() => warmUp(backend), 180_000);
  afterEach(async () => {
    await client?.close();
    await server?.close();
    await h?.close();
    client = undefined;
    server = undefined;
    h = undefined;
  });

  /** The App installed on the fake's repository (as its webhook says), and `archon serve`'s routes over the harness. */
  async function open() {
    h = await openHarness(backend, { files: await expressRepo(), permissions: { [MAINTAINER.login]: "write" } });
    const installed = examplePayload("installation", "created");
    installed.installation = { ...installed.installation, id: INSTALLATION_ID, account: { ...installed.installation.account, login: "Codertocat" } };
    installed.repositories = [{ id: 186853002, node_id: "MDEwOlJlcG9zaXRvcnkxODY4NTMwMDI=", name: "Hello-World", full_name: REPOSITORY, private: false }];
    await h.deliver("installation", installed);
    expect(deadJobs(await h.drain())).toEqual([]);
    const tasks = createOrchestratorTaskCommands(h.deps);
    server = await serve(
      createApiHandler({ db: h.db, jwtSecret: SECRET, tasks, logger: silent }),
      createMcpHandler({ db: h.db, jwtSecret: SECRET, tasks, logger: silent }),
    );
    return { h, url: server.url };
  }

  async function api(url: string, method: string, path: string, body?: unknown) {
    const response = await fetch(`${url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${await token(INSTALLATION_ID)}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as any };
  }

  /** The webhooks GitHub sends for an issue the App opened with the task label: `opened`, then `labeled`. */
  async function githubEchoes(h: Harness, number: number) {
    const issue = h.github.issues.get(number)!;
    const fields = { number, title: issue.title, body: issue.body, labels: h.github.issueLabels.get(number) ?? [] };
    await h.deliver("issues", issuesPayload("opened", fields, APP_BOT));
    await h.deliver("issues", issuesPayload("labeled", fields, APP_BOT, "archon"));
    return h.drain();
  }

  it("POST /api/tasks opens the issue with the task label and plans it; approve runs the agents; GET shows the pull request, plan and runs", async () => {
    const { h, url } = await open();
    const created = await api(url, "POST", "/tasks", { repository: REPOSITORY, title: TITLE, description: "Return the todo with that id, or 404 when there is none." });
    expect(created.status).toBe(201);
    const id = created.json.task.id as string;
    expect(created.json.task).toMatchObject({ repository: REPOSITORY, source: "api", status: "received" });

    expect(deadJobs(await h.drain())).toEqual([]);
    const [issue, ...more] = [...h.github.issues.values()];
    expect(more).toEqual([]);
    expect(issue).toMatchObject({ title: TITLE, user: { type: "Bot" } });
    expect(issue!.body).toContain("Return the todo with that id");
    expect(h.github.issueLabels.get(issue!.number)?.sort()).toEqual(["archon", "archon:planned"]);
    expect(statusComment(h, issue!.number).body).toContain("Waiting for approval");
    const planned = await api(url, "GET", `/tasks/${id}`);
    expect(planned.json.task).toMatchObject({ status: "awaiting_approval", issueNumber: issue!.number, branch: `archon/issue-${issue!.number}` });

    // GitHub tells the App about the issue it opened; that starts no second task and writes nothing.
    const mark = h.github.requests.length;
    expect(deadJobs(await githubEchoes(h, issue!.number))).toEqual([]);
    expect(await h.db.selectFrom("tasks").select(["id"]).execute()).toHaveLength(1);
    expect(h.github.requests.slice(mark).filter((r) => r.method !== "GET")).toEqual([]);

    const approved = await api(url, "POST", `/tasks/${id}/approve`);
    expect(approved.status).toBe(200);
    expect(deadJobs(await h.drain())).toEqual([]);

    const detail = await api(url, "GET", `/tasks/${id}`);
    expect(detail.status).toBe(200);
    const pull = h.github.pulls.get(100)!;
    expect(pull).toMatchObject({ head: `archon/issue-${issue!.number}`, draft: true });
    expect(pull.body).toContain(`Closes #${issue!.number}`);
    expect(detail.json.task).toMatchObject({ status: "pr_open", pullRequest: { number: 100, url: pull.html_url }, headSha: h.github.git.refs.get(`archon/issue-${issue!.number}`) });
    expect(detail.json.plan.steps.length).toBeGreaterThan(0);
    expect(detail.json.plan.steps.every((s: { status: string }) => s.status === "succeeded")).toBe(true);
    // The tests and docs steps run at once, so their runs may be recorded in either order.
    const byAgent = (a: string[], b: string[]) => a[0]!.localeCompare(b[0]!);
    expect(detail.json.agentRuns.map((r: { agent: string; outcome: string }) => [r.agent, r.outcome]).sort(byAgent)).toEqual(
      detail.json.plan.steps.map((s: { agent: string }) => [s.agent, "succeeded"]).sort(byAgent),
    );

    // Approving twice is a conflict, not a second run.
    expect((await api(url, "POST", `/tasks/${id}/approve`)).status).toBe(409);
  });

  it("a task created with approve: true runs without waiting, and a person can still steer it on the issue", async () => {
    const { h, url } = await open();
    const created = await api(url, "POST", "/tasks", { repository: REPOSITORY, title: TITLE, approve: true });
    expect(created.status).toBe(201);
    expect(deadJobs(await h.drain())).toEqual([]);
    const detail = await api(url, "GET", `/tasks/${created.json.task.id}`);
    expect(detail.json.task).toMatchObject({ status: "pr_open", pullRequest: { number: 100 } });
    const number = detail.json.task.issueNumber as number;
    await comment(h, number, "/archon cancel");
    expect(deadJobs(await h.drain())).toEqual([]);
    expect((await api(url, "GET", `/tasks/${created.json.task.id}`)).json.task.status).toBe("cancelled");
  });

  it("POST /api/tasks/:id/cancel before the plan is made is a conflict; after it, it cancels on GitHub too", async () => {
    const { h, url } = await open();
    const created = await api(url, "POST", "/tasks", { repository: REPOSITORY, title: TITLE });
    const id = created.json.task.id as string;
    expect((await api(url, "POST", `/tasks/${id}/cancel`)).status).toBe(409);
    expect(deadJobs(await h.drain())).toEqual([]);
    const cancelled = await api(url, "POST", `/tasks/${id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(deadJobs(await h.drain())).toEqual([]);
    const number = cancelled.json.task.issueNumber as number;
    expect(statusComment(h, number).body).toContain("Cancelled");
    expect(h.github.issueLabels.get(number)).toEqual(["archon"]);
  });

  it("MCP over streamable HTTP: create_task opens and plans the issue, find_tasks follows it", async () => {
    const { h, url } = await open();
    client = await connectHttp(url, await token(INSTALLATION_ID, "archon-mcp"));
    const projects = await callTool(client, "find_projects");
    const project = projects.json.projects.find((p: { repository: string }) => p.repository === REPOSITORY);
    const created = await callTool(client, "create_task", { project_id: project.id, title: TITLE, description: "Return the todo, or 404." });
    expect(created.isError).toBe(false);
    const id = created.json.task.id as string;

    expect(deadJobs(await h.drain())).toEqual([]);
    const [issue] = [...h.github.issues.values()];
    expect(issue!.body).toContain("MCP server");
    expect(h.github.issueLabels.get(issue!.number)?.sort()).toEqual(["archon", "archon:planned"]);
    expect(deadJobs(await githubEchoes(h, issue!.number))).toEqual([]);
    expect(await h.db.selectFrom("tasks").select(["id"]).execute()).toHaveLength(1);

    const found = await callTool(client, "find_tasks", { task_id: id });
    expect(found.isError).toBe(false);
    expect(JSON.stringify(found.json)).toContain("awaiting_approval");
    expect(JSON.stringify(found.json)).toContain(`"issueNumber":${issue!.number}`);
  });
});
