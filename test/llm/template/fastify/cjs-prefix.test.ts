import { readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Written } from "../../../../src/llm/template/frameworks/framework.js";
import { applyChanges, copyFixture, FIXTURES_DIR, fsRepoView } from "../../../support/fs-repo-view.js";
import { contentOf, issueToChange, mustWrite, runIn } from "./issue-to-change.js";
import { CHORE_BY_ID, GREETING } from "./issues.js";

const FIXTURE = "fastify-cjs-prefix";

describe("a CommonJS app whose chores plugin is registered under /api/v1", () => {
  let dir: string;
  let byId: Written;
  let greeting: Written;
  let app: FastifyInstance;

  beforeAll(async () => {
    const repo = fsRepoView(join(FIXTURES_DIR, FIXTURE));
    byId = mustWrite(await issueToChange(repo, CHORE_BY_ID));
    greeting = mustWrite(await issueToChange(repo, GREETING));
    dir = await copyFixture(FIXTURE);
    await applyChanges(dir, [...byId.code, ...byId.tests, ...greeting.code, ...greeting.tests]);
    const { build } = createRequire(join(dir, "package.json"))("./src/app.js") as { build(): FastifyInstance };
    app = build();
    await app.ready();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("adds GET /:id to the chores plugin, under its prefix, reading ids and answering 404 as the plugin does", () => {
    expect(byId.code.map((c) => c.path)).toEqual(["src/routes/chores.js"]);
    const code = contentOf(byId, "src/routes/chores.js");
    expect(code).toContain("fastify.get('/chores/:id', async (request, reply) => {");
    expect(code).toContain("const id = Number(request.params.id);");
    expect(code).toContain("const item = chores.get(id);");
    expect(code).toContain("return reply.code(404).send({ error: 'Chore not found' });");
    expect(code.indexOf("fastify.get('/chores/:id'")).toBeGreaterThan(code.indexOf("fastify.delete('/chores/:id'"));
    expect(byId.notes[0]).toContain("as `/chores/:id` under the plugin's `/api/v1` prefix");
  });

  it("writes jest tests in the chores suite's style", () => {
    const tests = contentOf(byId, byId.tests[0]!.path);
    expect(tests).toContain("const { build } = require('../src/app');");
    expect(tests).toContain("beforeAll(async () => {");
    expect(tests).toContain("const res1 = await app.inject({ method: 'GET', url: '/api/v1/chores/999999' });");
  });

  it("checks a rule with a stated error body in the handler, since the schema would answer otherwise", () => {
    const code = contentOf(greeting, "src/routes/status.js");
    expect(code).not.toContain("schema");
    expect(code).toContain("return reply.code(422).send({ error: 'name must be at most 20 characters' });");
  });

  it("serves the chore and the greeting", async () => {
    const created = await app.inject({ method: "POST", url: "/api/v1/chores", payload: { title: "Dust" } });
    const id = (created.json() as { id: number }).id;
    const found = await app.inject({ method: "GET", url: `/api/v1/chores/${id}` });
    expect(found.json()).toEqual({ id, title: "Dust", minutes: 15 });
    const missing = await app.inject({ method: "GET", url: "/api/v1/chores/404" });
    expect([missing.statusCode, missing.json()]).toEqual([404, { error: "Chore not found" }]);
    const long = await app.inject({ method: "GET", url: "/greeting", query: { name: "x".repeat(21) } });
    expect([long.statusCode, long.json()]).toEqual([422, { error: "name must be at most 20 characters" }]);
  });

  it("passes jest, and fails it when an expectation is wrong", async () => {
    const passing = await runIn(dir, "jest");
    expect(passing.ok, passing.output).toBe(true);
    expect(Number(/Tests:\s+(\d+) passed/.exec(passing.output)?.[1])).toBe(4 + byId.testNames.length + greeting.testNames.length);
    // The written tests check what the issue states: expecting something else must fail them.
    const path = join(dir, byId.tests[0]!.path);
    const text = await readFile(path, "utf8");
    await writeFile(path, text.replace("expect(res1.statusCode).toBe(404);", "expect(res1.statusCode).toBe(200);"));
    const failing = await runIn(dir, "jest");
    expect(failing.ok).toBe(false);
    expect(failing.output).toContain("GET /api/v1/chores/:id answers 404 for an unknown id");
    expect(failing.output).toMatch(/Tests:\s+1 failed/);
  }, 90_000);
});
