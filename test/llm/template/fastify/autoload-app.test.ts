import { rm } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Fastify, { type FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Written } from "../../../../src/llm/template/frameworks/framework.js";
import { applyChanges, copyFixture, FIXTURES_DIR, fsRepoView } from "../../../support/fs-repo-view.js";
import { contentOf, issueToChange, mustWrite, runIn } from "./issue-to-change.js";
import { DICE, TODOS } from "./issues.js";

const FIXTURE = "fastify-autoload-js";

/** The changed app, built as the fixture's test helper builds it (fastify-cli is not installed). */
async function buildApp(dir: string): Promise<FastifyInstance> {
  const mod = (await import(pathToFileURL(join(dir, "app.js")).href)) as { default: Parameters<typeof fp>[0] };
  const app = Fastify();
  await app.register(fp(mod.default));
  await app.ready();
  return app;
}

describe("a fastify-cli app that autoloads plugins/ and routes/", () => {
  let dir: string;
  let dice: Written;
  let todos: Written;
  let app: FastifyInstance;

  beforeAll(async () => {
    const repo = fsRepoView(join(FIXTURES_DIR, FIXTURE));
    dice = mustWrite(await issueToChange(repo, DICE));
    todos = mustWrite(await issueToChange(repo, TODOS));
    dir = await copyFixture(FIXTURE);
    // Both changes add files of their own, so they apply to one copy.
    await applyChanges(dir, [...dice.code, ...dice.tests, ...todos.code, ...todos.tests]);
    app = await buildApp(dir);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("puts the dice route in a folder of its own under routes/, written like routes/example/index.js", () => {
    expect(dice.code.map((c) => c.path)).toEqual(["routes/dice/index.js"]);
    const code = contentOf(dice, "routes/dice/index.js");
    expect(code).toMatch(/^export default async function dice ?\(fastify\) \{/m);
    expect(code).toContain("fastify.get('/:sides', { schema: { params: diceParams } }, async function (request) {");
    expect(code).toContain("sides: { type: 'integer', minimum: 2, maximum: 100 }");
    expect(code).not.toMatch(/;$/m);
    expect(dice.notes[0]).toContain("its folder gives it the `/dice` prefix");
  });

  it("writes the dice tests next to the example tests, with the build(t) helper", () => {
    expect(dice.tests.map((c) => c.path)).toEqual(["test/routes/dice.test.js"]);
    const tests = contentOf(dice, "test/routes/dice.test.js");
    expect(tests).toContain("const app = await build(t)");
    expect(tests).toContain("import { build } from '../helper.js'");
    expect(dice.testNames).toContain("GET /dice/:sides answers 400 when `sides` is below 2");
  });

  it("puts the todos in routes/todos/index.js with a JSON schema default and reply.notFound()", () => {
    expect(todos.code.map((c) => c.path)).toEqual(["routes/todos/index.js"]);
    const code = contentOf(todos, "routes/todos/index.js");
    expect(code).toContain("done: { type: 'boolean', default: false }");
    expect(code).toContain("return reply.notFound('Todo not found')");
    expect(code).toContain("fastify.get('/:id'");
    expect(code).toContain("return reply.code(204).send()");
  });

  it("rolls within the die's sides and lets the schema answer Fastify's usual 400", async () => {
    for (let i = 0; i < 20; i += 1) {
      const res = await app.inject({ method: "GET", url: "/dice/6" });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { sides: number; result: number };
      expect(body.sides).toBe(6);
      expect(body.result).toBeGreaterThanOrEqual(1);
      expect(body.result).toBeLessThanOrEqual(6);
    }
    for (const bad of ["1", "101", "six"]) {
      const res = await app.inject({ method: "GET", url: `/dice/${bad}` });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ statusCode: 400, code: "FST_ERR_VALIDATION", error: "Bad Request" });
    }
  });

  it("fills in done, and answers an unknown todo through sensible", async () => {
    const created = await app.inject({ method: "POST", url: "/todos", payload: { title: "Buy milk" } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ id: 1, title: "Buy milk", done: false });
    const missing = await app.inject({ method: "GET", url: "/todos/999" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ statusCode: 404, error: "Not Found", message: "Todo not found" });
  });

  it("passes the repository's own test command", async () => {
    const result = await runIn(dir, "node --test test/**/*.test.js");
    expect(result.ok, result.output).toBe(true);
    const passed = Number(/# pass (\d+)/.exec(result.output)?.[1]);
    expect(passed).toBe(4 + dice.testNames.length + todos.testNames.length);
  }, 60_000);
});
