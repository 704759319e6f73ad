import { rm } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Written } from "../../../../src/llm/template/frameworks/framework.js";
import { applyChanges, copyFixture, FIXTURES_DIR, fsRepoView } from "../../../support/fs-repo-view.js";
import { contentOf, issueToChange, mustWrite, runIn } from "./issue-to-change.js";
import { BOOKS, HEALTH } from "./issues.js";

const FIXTURE = "fastify-ts-tla";

describe("a TypeScript server built with top-level await and TypeBox routes", () => {
  let dir: string;
  let health: Written;
  let books: Written;
  let noteById: Written;
  let server: FastifyInstance;

  beforeAll(async () => {
    const repo = fsRepoView(join(FIXTURES_DIR, FIXTURE));
    health = mustWrite(await issueToChange(repo, HEALTH));
    books = mustWrite(await issueToChange(repo, BOOKS));
    noteById = mustWrite(await issueToChange(repo, "Add GET /notes/:id returning the note or 404"));
    dir = await copyFixture(FIXTURE);
    await applyChanges(dir, [...noteById.code, ...noteById.tests]);
    // Both change src/routes/index.ts: apply the health route, then register books on top of it.
    await applyChanges(dir, [...health.code, ...health.tests]);
    const again = mustWrite(await issueToChange(fsRepoView(dir), BOOKS));
    await applyChanges(dir, [...again.code, ...again.tests]);
    server = ((await import(pathToFileURL(join(dir, "src/server.ts")).href)) as { default: FastifyInstance }).default;
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("adds the health route to the routes plugin, with a TypeBox response schema", () => {
    expect(health.code.map((c) => c.path)).toEqual(["src/routes/index.ts"]);
    const code = contentOf(health, "src/routes/index.ts");
    expect(code).toContain("const HealthResponse = Type.Object({ status: Type.String(), uptime: Type.Number() });");
    expect(code).toContain("fastify.get('/health', { schema: { response: { 200: HealthResponse } } }, async () => {");
    expect(code).toContain("uptime: process.uptime()");
    // Registered inside the already-registered plugin, never in the server after ready().
    expect(code.indexOf("'/health'")).toBeLessThan(code.indexOf("fastify.register(notes"));
  });

  it("writes books in their own plugin like notes, registered in routes/index.ts with a prefix", () => {
    expect(books.code.map((c) => c.path).sort()).toEqual(["src/routes/books.ts", "src/routes/index.ts"]);
    const plugin = contentOf(books, "src/routes/books.ts");
    expect(plugin).toContain("import { type Static, Type } from '@sinclair/typebox';");
    expect(plugin).toContain("\tauthor: Type.String(),");
    expect(plugin).toContain("year: Type.Optional(Type.Integer()),");
    expect(plugin).toContain("type BookBody = Static<typeof BookBody>;");
    expect(plugin).toContain("const bookRoutes: FastifyPluginAsync = async (fastify) => {");
    expect(plugin).toContain("fastify.post<{ Body: BookBody }>('/', { schema: { body: BookBody } }, async (request, reply) => {");
    expect(plugin).toMatch(/^export default bookRoutes;$/m);
    const index = contentOf(books, "src/routes/index.ts");
    expect(index).toContain("import books from './books.js';");
    expect(index).toContain("\tawait fastify.register(books, { prefix: '/books' });");
  });

  it("adds GET /:id to the notes plugin, typed for TypeScript, with the notes' own Map", () => {
    const code = contentOf(noteById, "src/routes/notes.ts");
    expect(code).toContain("\tfastify.get<{ Params: { id: string } }>('/:id', async (request, reply) => {\n\t\tconst id = Number(request.params.id);\n\t\tconst item = notes.get(id);");
  });

  it("answers health with the process uptime", async () => {
    const res = await server.inject({ method: "GET", url: "/health" });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { status: string; uptime: number };
    expect(body.status).toBe("ok");
    expect(body.uptime).toBeGreaterThan(0);
    expect(body.uptime).toBeLessThanOrEqual(process.uptime() + 1);
  });

  it("refuses a book without an author with Fastify's 400", async () => {
    const res = await server.inject({ method: "POST", url: "/books", payload: { title: "Dune" } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, error: "Bad Request", message: "body must have required property 'author'" });
    const ok = await server.inject({ method: "POST", url: "/books", payload: { title: "Dune", author: "Frank Herbert" } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ id: 1, title: "Dune", author: "Frank Herbert" });
  });

  it("passes vitest and the TypeScript compiler", async () => {
    const tests = await runIn(dir, "vitest run");
    expect(tests.ok, tests.output).toBe(true);
    expect(Number(/Tests\s+(\d+) passed/.exec(tests.output)?.[1])).toBe(3 + health.testNames.length + books.testNames.length + noteById.testNames.length);
    const types = await runIn(dir, "tsc --noEmit -p .");
    expect(types.ok, types.output).toBe(true);
  }, 90_000);
});
