import { describe, expect, it } from "vitest";
import { contentOf, issueToChange, memoryRepo, mustWrite } from "./issue-to-change.js";

const PKG = JSON.stringify({ type: "module", scripts: { test: "node --test" }, dependencies: { fastify: "^5.0.0" } });
const NODE_TEST = "import { test } from 'node:test'\nimport assert from 'node:assert'\nimport app from '../server.js'\n\ntest('a', async () => {\n  const res = await app.inject({ method: 'GET', url: '/a' })\n  assert.strictEqual(res.statusCode, 200)\n})\n";

describe("writing into Fastify apps", () => {
  it("registers a new route before `ready()` in a top-level-await server", async () => {
    const repo = memoryRepo({
      "package.json": PKG,
      "server.js": "import Fastify from 'fastify'\nimport config from './config.js'\n\nconst server = Fastify()\n\nawait server.register(config)\nawait server.ready()\n\nexport default server\n",
      "config.js": "import fp from 'fastify-plugin'\n\nexport default fp(async function config (fastify) {\n  fastify.decorate('version', '1.2.0')\n})\n",
      "test/a.test.js": NODE_TEST,
    });
    const written = mustWrite(await issueToChange(repo, 'Add GET /version\n\nAdd `GET /version` answering `{ "version": "1.2.0" }`.'));
    expect(written.code.map((c) => c.path)).toEqual(["server.js"]);
    expect(contentOf(written, "server.js")).toContain("await server.register(config)\n\nserver.get('/version', async () => {\n  return { version: '1.2.0' }\n})\nawait server.ready()\n");
  });

  it("adds a route to the plugin that holds the routes, after them", async () => {
    const repo = memoryRepo({
      "package.json": PKG,
      "server.js": "import Fastify from 'fastify'\nimport routes from './routes.js'\n\nconst server = Fastify()\n\nawait server.register(routes)\nawait server.ready()\n\nexport default server\n",
      "routes.js": "export default async function routes (fastify) {\n  fastify.get('/a', async () => ({ a: 1 }))\n}\n",
      "test/a.test.js": NODE_TEST,
    });
    const written = mustWrite(await issueToChange(repo, 'Add GET /version\n\nAdd `GET /version` answering `{ "version": "1.2.0" }`.'));
    expect(written.code.map((c) => c.path)).toEqual(["routes.js"]);
    expect(contentOf(written, "routes.js")).toContain("  fastify.get('/a', async () => ({ a: 1 }))\n\n  fastify.get('/version', async () => {\n    return { version: '1.2.0' }\n  })\n}\n");
  });

  it("puts a route in the plugin file the issue names", async () => {
    const repo = memoryRepo({
      "package.json": PKG,
      "server.js": "import Fastify from 'fastify'\nimport items from './src/items.js'\nimport meta from './src/meta.js'\n\nconst app = Fastify()\napp.register(items)\napp.register(meta)\n\nexport default app\n",
      "src/items.js": "export default async function items (fastify) {\n  fastify.get('/items', async () => [])\n}\n",
      "src/meta.js": "export default async function meta (fastify) {\n  fastify.get('/version', async () => ({ version: 1 }))\n}\n",
      "test/a.test.js": NODE_TEST,
    });
    const written = mustWrite(await issueToChange(repo, 'Add GET /ping\n\nAdd `GET /ping` answering `{ "pong": true }`. Put it in `src/meta.js`, with the other small routes.'));
    expect(written.code.map((c) => c.path)).toEqual(["src/meta.js"]);
    expect(contentOf(written, "src/meta.js")).toContain("fastify.get('/ping', async () => {\n    return { pong: true }\n  })");
  });

  it("writes routes as the file does, `fastify.route({...})`, and guards them with the same hook", async () => {
    const repo = memoryRepo({
      "package.json": PKG,
      "server.js": [
        "import Fastify from 'fastify'",
        "",
        "const app = Fastify()",
        "",
        "app.decorate('authenticate', async function (request, reply) {",
        "  await request.jwtVerify()",
        "})",
        "",
        "app.route({",
        "  method: 'GET',",
        "  url: '/a',",
        "  onRequest: [app.authenticate],",
        "  handler: async () => ({ a: 1 })",
        "})",
        "",
        "export default app",
        "",
      ].join("\n"),
      "test/a.test.js": "import { test } from 'node:test'\nimport assert from 'node:assert'\nimport app from '../server.js'\n\nconst token = 'secret'\n\ntest('a', async () => {\n  const res = await app.inject({ method: 'GET', url: '/a', headers: { authorization: `Bearer ${token}` } })\n  assert.strictEqual(res.statusCode, 200)\n})\n",
    });
    const written = mustWrite(await issueToChange(repo, 'Add GET /b\n\nAdd `GET /b` answering `{ "b": 2 }`. Bearer token required, same as the others.'));
    const server = contentOf(written, "server.js");
    expect(server).toContain("app.route({\n  method: 'GET',\n  url: '/b',\n  onRequest: [app.authenticate],\n  handler: async () => {\n    return { b: 2 }\n  }\n})");
    const tests = contentOf(written, written.tests[0]!.path);
    expect(tests).toContain("headers: { authorization: `Bearer ${token}` }");
    expect(tests).toContain("const token = 'secret'");
  });

  it("answers a stated error body itself even where sensible is registered", async () => {
    const repo = memoryRepo({
      "package.json": PKG,
      "server.js": [
        "import Fastify from 'fastify'",
        "import sensible from '@fastify/sensible'",
        "",
        "const notes = []",
        "const app = Fastify()",
        "app.register(sensible)",
        "app.get('/notes', async () => notes)",
        "app.post('/notes', async (request, reply) => {",
        "  const note = { id: notes.length + 1, text: request.body.text }",
        "  notes.push(note)",
        "  reply.code(201)",
        "  return note",
        "})",
        "",
        "export default app",
        "",
      ].join("\n"),
      "test/a.test.js": NODE_TEST,
    });
    const written = mustWrite(await issueToChange(repo, 'Add GET /notes/:id\n\nAdd `GET /notes/:id` returning the note, or `404` with `{ "error": "..." }` when there is none.'));
    const server = contentOf(written, "server.js");
    expect(server).toContain("const id = Number(request.params.id)");
    expect(server).toContain("const item = notes.find((entry) => entry.id === id)");
    expect(server).toContain("return reply.code(404).send({ error: 'Note not found' })");
  });

  it("throws errors with a status for a custom error handler to shape, without sensible", async () => {
    const repo = memoryRepo({
      "package.json": PKG,
      "server.js": [
        "import Fastify from 'fastify'",
        "",
        "const items = new Map()",
        "const app = Fastify()",
        "app.setErrorHandler((error, request, reply) => {",
        "  reply.status(error.statusCode ?? 500).send({ failure: error.message })",
        "})",
        "app.get('/items', async () => [...items.values()])",
        "app.post('/items', async (request, reply) => {",
        "  const item = { id: items.size + 1, name: request.body.name }",
        "  items.set(item.id, item)",
        "  return reply.status(201).send(item)",
        "})",
        "",
        "export default app",
        "",
      ].join("\n"),
      "test/a.test.js": NODE_TEST,
    });
    const written = mustWrite(await issueToChange(repo, "Add DELETE /items/:id\n\nAdd `DELETE /items/:id` answering `204`, or `404` when the item does not exist."));
    const server = contentOf(written, "server.js");
    expect(server).toContain("throw Object.assign(new Error('Item not found'), { statusCode: 404 })");
    expect(server).toContain("return reply.status(204).send()");
  });

  it("writes TypeBox schemas without route generics where a type provider types the handlers", async () => {
    const repo = memoryRepo({
      "package.json": PKG,
      "server.ts": [
        "import Fastify from 'fastify'",
        "import { Type } from '@sinclair/typebox'",
        "import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'",
        "",
        "const app = Fastify().withTypeProvider<TypeBoxTypeProvider>()",
        "",
        "app.get('/a', { schema: { querystring: Type.Object({ q: Type.String() }) } }, async (request) => ({ q: request.query.q }))",
        "",
        "export default app",
        "",
      ].join("\n"),
      "test/a.test.ts": NODE_TEST,
    });
    const written = mustWrite(await issueToChange(repo, 'Add GET /echo/:n\n\nAdd `GET /echo/:n` answering `{ "n": 3 }`. `n` is an integer from 0 to 1000.'));
    const server = contentOf(written, "server.ts");
    expect(server).toContain("const EchoParams = Type.Object({ n: Type.Integer({ minimum: 0, maximum: 1000 }) })");
    expect(server).toContain("app.get('/echo/:n', { schema: { params: EchoParams } }, async (request) => {");
    expect(server).not.toContain("Static");
  });

  it("refuses a path the repository already serves, in one sentence", async () => {
    const repo = memoryRepo({ "package.json": PKG, "server.js": "import Fastify from 'fastify'\nconst app = Fastify()\napp.get('/a', async () => 1)\nexport default app\n", "test/a.test.js": NODE_TEST });
    const change = await issueToChange(repo, 'Add GET /a\n\nAdd `GET /a` answering `{ "a": 2 }`.');
    expect(change).toEqual({ ok: false, decline: expect.objectContaining({ reason: "`GET /a` already exists in `server.js`." }) });
  });
});
