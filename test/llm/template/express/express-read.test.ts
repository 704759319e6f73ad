import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readExpress } from "../../../../src/llm/template/frameworks/express/express-model.js";
import { express } from "../../../../src/llm/template/frameworks/express/index.js";
import { loadJsProject } from "../../../../src/llm/template/jsts/project.js";
import { detectFacts } from "../../../../src/repo/detect-facts.js";
import { FIXTURES_DIR, fsRepoView } from "../../../support/fs-repo-view.js";

async function model(name: string) {
  const repo = fsRepoView(join(FIXTURES_DIR, name));
  const facts = await detectFacts(repo);
  const m = await readExpress(repo, facts, await loadJsProject(repo));
  if (!m) throw new Error("no app");
  return m;
}

describe("reading an Express repository", () => {
  it("gives every route its full path through nested routers", async () => {
    const m = await model("express-ts-modules");
    expect(m.served.map((r) => `${r.reg.method} ${r.path}`).sort()).toEqual(["GET /api/v1/products", "GET /api/v1/products/:id", "GET /health", "POST /api/v1/products"]);
    expect(m.app.factory).toBeDefined();
  });

  it("reads a router made by a factory function and mounted with a call", async () => {
    const m = await model("express-cjs-factory");
    expect(m.served.map((r) => `${r.reg.method} ${r.path}`)).toEqual(expect.arrayContaining(["GET /api/customers/:id", "GET /api/secret"]));
  });

  it("finds the JSON error handler, the status it reads and the error classes", async () => {
    const ts = await model("express-ts-modules");
    expect(ts.errors).toMatchObject({ statusProperty: "status", payloadKeys: ["error"] });
    expect(ts.errors!.classes.map((c) => `${c.name}:${c.status ?? "?"}`).sort()).toEqual(["HttpError:?", "NotFoundError:404", "ValidationError:400"]);
    const cjs = await model("express-cjs-factory");
    expect(cjs.errors).toMatchObject({ statusProperty: "status", payloadKeys: ["message"], classes: [] });
    expect(cjs.regs.uses.filter((u) => u.role === "not-found")).toHaveLength(1);
  });

  it("finds the validation library and the middleware routes pass schemas to", async () => {
    const m = await model("express-ts-modules");
    expect(m.validation).toMatchObject({ library: "zod", libraryName: "z", middleware: { callee: "validateBody", form: "positional" } });
    expect(m.validation!.libraryImport).toBe('import { z } from "zod";');
  });

  it("finds guards and the routes they protect", async () => {
    const m = await model("express-cjs-factory");
    expect(m.guards).toEqual([expect.objectContaining({ name: "requireApiKey", scheme: "header", header: "x-api-key", guards: ["/api/secret"] })]);
    const reading = await express.read(fsRepoView(join(FIXTURES_DIR, "express-cjs-factory")), await detectFacts(fsRepoView(join(FIXTURES_DIR, "express-cjs-factory"))));
    expect(reading.ok && reading.value.routes.find((r) => r.path === "/api/secret")?.guards).toEqual(["requireApiKey"]);
  });

  it("finds existing collections with their store or service, id type and fields", async () => {
    const jest = await model("express-jest");
    expect(jest.collections).toEqual([expect.objectContaining({ basePath: "/todos", idType: "integer", store: expect.objectContaining({ name: "todos", kind: "array", nextId: "nextId++" }), fields: [expect.objectContaining({ name: "title" })] })]);
    const ts = await model("express-ts-modules");
    expect(ts.collections[0]).toMatchObject({ basePath: "/api/v1/products", service: { expr: "productsService", methods: { list: "list", get: "get", create: "create" } } });
  });

  it("reads the style from Prettier, .editorconfig or the code, and the module style", async () => {
    expect((await model("express-cjs-factory")).style).toMatchObject({ source: "prettier", options: { singleQuote: true, semi: false, tabWidth: 4 } });
    expect((await model("express-ts-modules")).style).toMatchObject({ source: "editorconfig", options: { useTabs: true } });
    const ts = await model("express-ts-vitest");
    expect({ esm: ts.esm, ext: ts.importExtension, typescript: ts.typescript }).toEqual({ esm: true, ext: true, typescript: true });
    const cjs = await model("express-jest");
    expect({ esm: cjs.esm, ext: cjs.importExtension }).toEqual({ esm: false, ext: false });
  });

  it("reads how the tests call the app", async () => {
    expect((await model("express-cjs-factory")).harness).toMatchObject({ client: "supertest", requestFn: "request", appExpr: "app", describeFn: "describe", testFn: "it", assert: "assert", assertName: "assert" });
    expect((await model("express-ts-modules")).harness).toMatchObject({ client: "supertest", assert: "expect", typescript: true, esm: true });
  });
});
