import { afterAll, describe, expect, it } from "vitest";
import { cleanUp, runTask, shell } from "./run-task.js";

afterAll(cleanUp);

const SLOW = { timeout: 120_000 };

describe("Express: a feature written file for file like its sibling, under a nested router", () => {
  it("writes router, controller, service and schema like products, validated by its zod middleware, errors through its classes", SLOW, async () => {
    const { dir, files, written } = await runTask(
      "express-ts-modules",
      "Tags module",
      'Add a `tags` module like `src/modules/products`, under `/api/v1/tags`:\n- `GET /` lists the tags\n- `POST /` with `{"name": "..."}` creates one (`201`); `name` is required, 1 to 30 characters\n- `DELETE /:id` deletes one: `204`, or `404` when unknown',
    );
    expect(Object.keys(files).sort()).toEqual(["src/api.ts", "src/modules/tags/tags.controller.ts", "src/modules/tags/tags.router.ts", "src/modules/tags/tags.schema.ts", "src/modules/tags/tags.service.ts", "test/tags.test.ts"]);
    // Mounted on the /api/v1 router the way products is, never at the root.
    expect(files["src/api.ts"]).toContain('apiV1.use("/tags", tagsRouter);');
    expect(files["src/modules/tags/tags.router.ts"]).toContain("validateBody(TagBody)");
    expect(files["src/modules/tags/tags.schema.ts"]).toContain("export const TagBody = z.object({ name: z.string().min(1).max(30) });");
    expect(files["src/modules/tags/tags.service.ts"]).toContain('throw new NotFoundError("Tag not found");');
    // Tabs, from .editorconfig.
    expect(files["src/modules/tags/tags.controller.ts"]).toMatch(/^\tlist\(/m);
    expect(written.testNames).toContain("POST /api/v1/tags answers 400 when `name` is longer than 30 characters");
    const tests = await shell(dir, "vitest run");
    expect(tests.ok, tests.output).toBe(true);
    expect(tests.output).toMatch(/Tests\s+10 passed/);
    const types = await shell(dir, "tsc --noEmit -p .");
    expect(types.ok, types.output).toBe(true);
  });
});

describe("Express: CommonJS, an app factory, a guard and a JSON error handler", () => {
  it("writes a router made like its sibling's, mounted inside the factory before the 404 catch-all, behind the same API key", SLOW, async () => {
    const { dir, files } = await runTask(
      "express-cjs-factory",
      "Invoices",
      'We need invoices under `/api/invoices`, protected with the same API key as `GET /api/secret`.\n\n- `GET /api/invoices` – all invoices\n- `POST /api/invoices` – `201` with the invoice\n- `GET /api/invoices/:id` – one invoice, `404` if unknown\n- `PATCH /api/invoices/:id` – change some fields\n\nAn invoice is `{ "id": 1, "customer": "Ada", "amount": 120.5, "paid": false }`; `customer` is required, `amount` must be >= 0, `paid` defaults to false.',
    );
    const router = files["routes/invoices.js"]!;
    expect(router).toMatch(/^'use strict'\n/);
    expect(router).toContain("function invoicesRouter() {");
    expect(router).toContain("router.get('/:id', requireApiKey, (req, res, next) => {");
    expect(router).toContain("return next(Object.assign(new Error('Invoice not found'), { status: 404 }))");
    expect(router).not.toMatch(/;$/m);
    const app = files["lib/app.js"]!;
    expect(app).toContain("const invoicesRouter = require('../routes/invoices')\n");
    expect(app.indexOf("app.use('/api/invoices', invoicesRouter())")).toBeLessThan(app.indexOf("app.use(notFound)"));
    const tests = await shell(dir, "mocha 'test/**/*.spec.js'");
    expect(tests.ok, tests.output).toBe(true);
    expect(tests.output).toMatch(/\d+ passing/);
  });

  it("adds a fixed answer next to the route the issue names, before the catch-all", SLOW, async () => {
    const { dir, files } = await runTask("express-cjs-factory", "Status endpoint", "Add `GET /api/status` next to `/api/ping`, returning 200 with `{\"status\":\"ok\"}`.");
    const app = files["lib/app.js"]!;
    expect(app.indexOf("app.get('/api/status'")).toBeGreaterThan(app.indexOf("app.get('/api/ping'"));
    expect(app.indexOf("app.get('/api/status'")).toBeLessThan(app.indexOf("app.get('/api/secret'"));
    expect(app).toContain("res.json({ status: 'ok' })");
    const tests = await shell(dir, "mocha 'test/**/*.spec.js'");
    expect(tests.ok, tests.output).toBe(true);
  });

  it("extends an existing collection through its own store, before the route that would shadow it", SLOW, async () => {
    const { dir, files } = await runTask("express-cjs-factory", "Customer count", "Add `GET /api/customers/count` returning only the number of customers, e.g. `{ \"count\": 1 }`.");
    const router = files["routes/customers.js"]!;
    expect(router.indexOf("router.get('/count'")).toBeLessThan(router.indexOf("router.get('/:id'"));
    expect(router).toContain("res.json({ count: customers.length })");
    const tests = await shell(dir, "mocha 'test/**/*.spec.js'");
    expect(tests.ok, tests.output).toBe(true);
  });
});

describe("Express: answers in the repository's envelope", () => {
  it("wraps items and lists the way the other handlers do, and the tests read them through it", SLOW, async () => {
    const { dir, files } = await runTask("express-envelope", "Authors", "Add an in-memory authors resource: `GET /authors`, `POST /authors` (201) and `GET /authors/:id` (404 when unknown). An author has a `name` (required).");
    const router = files["src/routes/authors.js"]!;
    expect(router).toContain("res.status(201).json(new ApiResponse(item))");
    expect(router).toContain("import { ApiResponse } from '../api-response.js'");
    expect(files["test/authors.test.js"]).toContain("assert.strictEqual(res1.body.data.name, 'Ada Lovelace')");
    const tests = await shell(dir, "node --test test/");
    expect(tests.ok, tests.output).toBe(true);
  });
});

describe("Express: tests that can fail", () => {
  it("fails the repository's tests when the behaviour is not what the issue states", SLOW, async () => {
    const { dir, files } = await runTask("express-jest", "Add GET /todos/:id returning the todo or 404");
    const { writeFile } = await import("node:fs/promises");
    const { join } = await import("node:path");
    await writeFile(join(dir, "src/routes/todos.js"), files["src/routes/todos.js"]!.replace("status(404)", "status(410)"));
    const tests = await shell(dir, "jest");
    expect(tests.ok).toBe(false);
    expect(tests.output).toContain("GET /todos/:id answers 404 for an unknown id");
  });
});
