import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readFastify } from "../../../../src/llm/template/frameworks/fastify/fastify-model.js";
import { loadJsProject } from "../../../../src/llm/template/jsts/project.js";
import { detectFacts } from "../../../../src/repo/detect-facts.js";
import { FIXTURES_DIR, fsRepoView } from "../../../support/fs-repo-view.js";
import { readRepo } from "./issue-to-change.js";

const repoOf = (name: string) => fsRepoView(join(FIXTURES_DIR, name));

async function model(name: string) {
  const repo = repoOf(name);
  const m = await readFastify(repo, await detectFacts(repo), await loadJsProject(repo));
  if (!m) throw new Error("no model");
  return m;
}

const routes = (r: { routes: { method: string; path: string; file: string }[] }) => r.routes.map((x) => `${x.method} ${x.path} ${x.file}`).sort();

describe("reading the Fastify fixtures", () => {
  it("serves autoloaded files under their folders' prefixes, from the plugin fastify-cli starts", async () => {
    const reading = await readRepo(repoOf("fastify-autoload-js"));
    expect(routes(reading)).toEqual(["GET / routes/root.js", "GET /example routes/example/index.js", "GET /example/:word routes/example/index.js"]);
    expect(reading.constants).toEqual(expect.arrayContaining([{ file: "plugins/quiz-config.js", name: "QUIZ_NAME", value: "Friday quiz" }, { file: "plugins/quiz-config.js", name: "MAX_QUESTIONS", value: 20 }]));
    expect(reading.validationStatus).toBe(400);
  });

  it("reads the autoloaded folders, sensible through fastify-plugin, and the standard style", async () => {
    const m = await model("fastify-autoload-js");
    expect(m.main.file).toBe("app.js");
    expect(m.plugins.autoloads.map((a) => a.dir.dir)).toEqual(["plugins", "routes"]);
    expect(m.errors.sensible.map((s) => s.file)).toEqual(["plugins/sensible.js"]);
    // The sensible plugin shares the app's context, so it reaches every route's scope.
    const example = m.served.find((r) => r.path === "/example")!.reg.scope;
    expect(m.tree.context(m.errors.sensible[0]!).id).toBe(m.main.id);
    expect(m.tree.lineage(example).map((s) => s.id)).toContain(m.main.id);
    expect(m.style.options).toMatchObject({ semi: false, singleQuote: true });
    expect({ esm: m.esm, ext: m.importExtension, ts: m.typescript }).toEqual({ esm: true, ext: true, ts: false });
    expect(m.handlers.kind).toBe("function");
    expect(m.harness).toMatchObject({ file: "test/routes/example.test.js", client: "inject", perTest: "const app = await build(t)" });
  });

  it("follows the top-level-await server into its routes plugin and the notes it registers", async () => {
    const reading = await readRepo(repoOf("fastify-ts-tla"));
    expect(routes(reading)).toEqual(["GET /about src/routes/index.ts", "GET /notes src/routes/notes.ts", "POST /notes src/routes/notes.ts"]);
    expect(reading.resources).toEqual([
      {
        basePath: "/notes",
        idName: "id",
        idType: "integer",
        fields: [
          { name: "text", type: "string", required: true, nullable: false, constraints: { minLength: 1, maxLength: 500 }, readOnly: false },
          { name: "pinned", type: "boolean", required: false, nullable: false, default: false, constraints: {}, readOnly: false },
        ],
        roles: ["list", "create"],
        storeCan: ["get", "replace", "update", "delete", "count"],
      },
    ]);
    expect(reading.constants).toEqual(expect.arrayContaining([{ file: "src/config.ts", name: "APP_NAME", value: "reading-list" }]));
  });

  it("reads TypeBox, response schemas, Biome's tabs and quotes, and the `ready()` that ends registration", async () => {
    const m = await model("fastify-ts-tla");
    expect(m.schemas).toEqual({ typebox: { type: "Type", static: "Static", module: "@sinclair/typebox" }, response: true, typeProvider: false });
    expect(m.style).toMatchObject({ source: "biome", options: { useTabs: true, singleQuote: true, semi: true } });
    expect(m.calls.lifecycle.map((l) => `${l.file}: ${l.statement.getText()}`)).toEqual(["src/main.ts: await server.listen({ port, host: '0.0.0.0' });", "src/server.ts: await server.ready();"]);
    expect(m.collections[0]!.store).toMatchObject({ name: "notes", kind: "map", nextId: "nextNoteId++" });
    expect(m.harness).toMatchObject({ file: expect.stringMatching(/^test\/.*\.test\.ts$/), appExpr: "server", perTest: "" });
  });

  it("applies a prefix given through a constant to a plugin registered with require()", async () => {
    const reading = await readRepo(repoOf("fastify-cjs-prefix"));
    expect(routes(reading)).toEqual(["DELETE /api/v1/chores/:id src/routes/chores.js", "GET /api/v1/chores src/routes/chores.js", "GET /status src/routes/status.js", "POST /api/v1/chores src/routes/chores.js"]);
    expect(reading.resources[0]).toMatchObject({ basePath: "/api/v1/chores", idType: "integer", roles: ["list", "create", "delete"], fields: [expect.objectContaining({ name: "title", required: true }), expect.objectContaining({ name: "minutes", default: 15 })] });
    const m = await model("fastify-cjs-prefix");
    expect({ esm: m.esm, ext: m.importExtension }).toEqual({ esm: false, ext: false });
    expect(m.errors).toMatchObject({ style: "inline", inlineKeys: ["error"], statusMethod: "code", sensible: [] });
    expect(m.style).toMatchObject({ source: "prettier", options: { trailingComma: "es5" } });
  });

  it("still reads the buildApp() factory of fastify-node-test", async () => {
    const reading = await readRepo(repoOf("fastify-node-test"));
    expect(routes(reading)).toEqual(["GET /health src/app.js", "GET /todos src/routes/todos.js", "POST /todos src/routes/todos.js"]);
    expect(reading.resources[0]).toMatchObject({ basePath: "/todos", idType: "integer", fields: [expect.objectContaining({ name: "title", constraints: { minLength: 1 } })] });
  });
});
