import { describe, expect, it } from "vitest";
import { readFastify } from "../../../../src/llm/template/frameworks/fastify/fastify-model.js";
import { loadJsProject } from "../../../../src/llm/template/jsts/project.js";
import { ESM_FACTS, memoryRepo, readRepo } from "./issue-to-change.js";

const PKG = JSON.stringify({ type: "module", dependencies: { fastify: "^5.0.0" } });

async function paths(files: Record<string, string>): Promise<string[]> {
  const reading = await readRepo(memoryRepo({ "package.json": PKG, ...files }), ESM_FACTS);
  return reading.routes.map((r) => `${r.method} ${r.path}`).sort();
}

async function model(files: Record<string, string>) {
  const repo = memoryRepo({ "package.json": PKG, ...files });
  const m = await readFastify(repo, ESM_FACTS, await loadJsProject(repo));
  if (!m) throw new Error("no model");
  return m;
}

describe("reading Fastify apps", () => {
  it.each([
    [
      "prefixes compose through nested registers",
      {
        "src/app.js": "import Fastify from 'fastify'\nimport api from './api.js'\nconst app = Fastify()\napp.register(api, { prefix: '/api' })\nexport default app\n",
        "src/api.js": "import v1 from './v1.js'\nexport default async function api (fastify) {\n  fastify.register(v1, { prefix: '/v1' })\n  fastify.get('/', async () => ({ api: true }))\n}\n",
        "src/v1.js": "export default async function (instance) {\n  instance.get('/items/:id', async (request) => request.params)\n}\n",
      },
      ["GET /api", "GET /api/v1/items/:id"],
    ],
    [
      "fastify-plugin shares its parent's context and ignores a prefix",
      {
        "app.js": "const fastify = require('fastify')()\nconst fp = require('fastify-plugin')\nfastify.register(fp(async (f) => { f.get('/shared', async () => 'x') }), { prefix: '/ignored' })\nfastify.register(async (f) => { f.get('/own', async () => 'y') }, { prefix: '/scoped' })\n",
      },
      ["GET /scoped/own", "GET /shared"],
    ],
    [
      "route() with several methods and a helper called with the app",
      {
        "server.ts": "import { fastify } from 'fastify'\nimport { addRoutes } from './routes.js'\nconst server = fastify()\naddRoutes(server)\nawait server.ready()\nexport default server\n",
        "routes.ts": "import type { FastifyInstance } from 'fastify'\nexport function addRoutes(app: FastifyInstance) {\n  app.route({ method: ['GET', 'POST'], url: '/things', handler: async () => [] })\n}\n",
      },
      ["GET /things", "POST /things"],
    ],
    [
      "autoload with nested folders, an autoPrefix export and an options prefix",
      {
        "app.js": "import AutoLoad from '@fastify/autoload'\nimport { join } from 'node:path'\nexport default async function app (fastify, opts) {\n  fastify.register(AutoLoad, { dir: join(import.meta.dirname, 'routes'), options: { prefix: '/api' } })\n}\n",
        "routes/root.js": "export default async function (fastify) { fastify.get('/', async () => 'root') }\n",
        "routes/users/index.js": "export default async function (fastify) { fastify.get('/', async () => []) }\n",
        "routes/users/ignored.js": "export default async function (fastify) { fastify.get('/never', async () => []) }\n",
        "routes/users/admins/index.js": "export default async function (fastify) { fastify.get('/:id', async () => ({})) }\n",
        "routes/legacy.js": "export const autoPrefix = '/old'\nexport default async function (fastify) { fastify.get('/ping', async () => 'pong') }\n",
      },
      ["GET /api", "GET /api/old/ping", "GET /api/users", "GET /api/users/admins/:id"],
    ],
    [
      "a plugin module required and registered in CommonJS, under a prefix constant from another file",
      {
        "src/config.js": "module.exports = { PREFIX: '/v2' }\n",
        "src/app.js": "const Fastify = require('fastify')\nconst { PREFIX } = require('./config')\nconst widgets = require('./widgets')\nfunction build () {\n  const app = Fastify()\n  app.register(widgets, { prefix: PREFIX })\n  return app\n}\nmodule.exports = build\n",
        "src/widgets.js": "module.exports = async function (fastify) {\n  fastify.get('/widgets', async () => [])\n  fastify.delete('/widgets/:id', async () => null)\n}\n",
      },
      ["DELETE /v2/widgets/:id", "GET /v2/widgets"],
    ],
    [
      "routes on an instance with a type provider",
      {
        "server.ts": "import Fastify from 'fastify'\nimport type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'\nconst app = Fastify().withTypeProvider<TypeBoxTypeProvider>()\napp.get('/typed', async () => ({ ok: true }))\nexport default app\n",
      },
      ["GET /typed"],
    ],
  ])("%s", async (_name, files, expected) => {
    expect(await paths(files)).toEqual(expected);
  });

  it("starts a TypeScript fastify-cli app from the source of the file `fastify start` runs", async () => {
    const files = {
      "package.json": JSON.stringify({ scripts: { start: "npm run build:ts && fastify start -l info dist/app.js" }, dependencies: { fastify: "^5.0.0", "@fastify/autoload": "^6.0.0" } }),
      "src/app.ts": [
        "import { join } from 'node:path'",
        "import AutoLoad from '@fastify/autoload'",
        "import type { FastifyPluginAsync } from 'fastify'",
        "const app: FastifyPluginAsync = async (fastify, opts): Promise<void> => {",
        "  void fastify.register(AutoLoad, { dir: join(__dirname, 'routes'), options: opts })",
        "}",
        "export default app",
        "",
      ].join("\n"),
      "src/routes/example/index.ts": "import type { FastifyPluginAsync } from 'fastify'\nconst example: FastifyPluginAsync = async (fastify): Promise<void> => {\n  fastify.get('/', async function () { return 'example' })\n}\nexport default example\n",
    };
    const reading = await readRepo(memoryRepo(files), { ...ESM_FACTS, language: "typescript", moduleStyle: "commonjs" });
    expect(reading.routes.map((r) => `${r.method} ${r.path} ${r.file}`)).toEqual(["GET /example src/routes/example/index.ts"]);
  });

  it("leaves a plugin nothing registers unserved", async () => {
    expect(await paths({ "app.js": "import Fastify from 'fastify'\nconst app = Fastify()\nexport async function unused (f) { f.get('/nowhere', async () => 1) }\napp.get('/here', async () => 2)\n" })).toEqual(["GET /here"]);
  });

  it("reads body fields from JSON schema and TypeBox, with required, defaults and bounds", async () => {
    const reading = await readRepo(
      memoryRepo({
        "package.json": PKG,
        "app.ts": [
          "import Fastify from 'fastify'",
          "import { Type } from '@sinclair/typebox'",
          "const Pet = Type.Object({ name: Type.String({ minLength: 2 }), age: Type.Optional(Type.Integer({ minimum: 0, default: 1 })), kind: Type.Union([Type.Literal('cat'), Type.Literal('dog')]) })",
          "const pets = new Map()",
          "const app = Fastify()",
          "app.get('/pets', async () => [...pets.values()])",
          "app.post('/pets', { schema: { body: Pet } }, async (request, reply) => { reply.code(201); return request.body })",
          "app.get('/pets/:id', { schema: { params: { type: 'object', properties: { id: { type: 'integer' } } } } }, async (request) => pets.get(request.params.id))",
          "",
        ].join("\n"),
      }),
      ESM_FACTS,
    );
    expect(reading.resources).toEqual([
      expect.objectContaining({
        basePath: "/pets",
        idType: "integer",
        roles: ["list", "create", "get"],
        fields: [
          { name: "name", type: "string", required: true, nullable: false, constraints: { minLength: 2 }, readOnly: false },
          { name: "age", type: "integer", required: false, nullable: false, default: 1, constraints: { minimum: 0 }, readOnly: false },
          { name: "kind", type: "string", required: true, nullable: false, constraints: { enum: ["cat", "dog"] }, readOnly: false },
        ],
      }),
    ]);
  });

  it("reads a decorated service the handlers call through the instance", async () => {
    const m = await model({
      "app.js": [
        "import Fastify from 'fastify'",
        "class Shelf { list () { return [] } find (id) { return undefined } create (data) { return data } remove (id) { return true } }",
        "const app = Fastify()",
        "app.decorate('shelf', new Shelf())",
        "app.get('/books', async () => app.shelf.list())",
        "app.post('/books', async (request) => app.shelf.create(request.body))",
        "app.delete('/books/:id', async (request) => app.shelf.remove(Number(request.params.id)))",
        "",
      ].join("\n"),
    });
    expect(m.collections[0]).toMatchObject({ basePath: "/books", idType: "integer", service: { expr: "app.shelf", file: undefined, methods: { list: "list", get: "find", create: "create", delete: "remove" } } });
  });

  it("reads guards from route hooks and from a plugin's addHook", async () => {
    const reading = await readRepo(
      memoryRepo({
        "package.json": PKG,
        "app.js": [
          "import Fastify from 'fastify'",
          "const app = Fastify()",
          "app.decorate('authenticate', async function (request, reply) { await request.jwtVerify() })",
          "app.get('/me', { onRequest: [app.authenticate] }, async (request) => request.user)",
          "app.register(async function admin (f) {",
          "  f.addHook('preHandler', async (request, reply) => { if (request.headers['x-api-key'] !== process.env.KEY) return reply.code(401).send({ error: 'no' }) })",
          "  f.get('/stats', async () => ({}))",
          "}, { prefix: '/admin' })",
          "app.get('/open', async () => 'ok')",
          "",
        ].join("\n"),
      }),
      ESM_FACTS,
    );
    expect(reading.guards).toEqual([
      expect.objectContaining({ name: "app.authenticate", scheme: "bearer", guards: ["/me"] }),
      expect.objectContaining({ name: "preHandler hook in app.js", scheme: "header", header: "x-api-key", guards: ["/admin/stats"] }),
    ]);
    expect(reading.routes.find((r) => r.path === "/open")?.guards).toEqual([]);
    expect(reading.routes.find((r) => r.path === "/admin/stats")?.guards).toEqual(["preHandler hook in app.js"]);
  });

  it("reads sensible, a custom error handler's status for validation, and how handlers answer errors", async () => {
    const m = await model({
      "app.js": [
        "import Fastify from 'fastify'",
        "import sensible from '@fastify/sensible'",
        "const app = Fastify()",
        "app.register(sensible)",
        "app.setErrorHandler((error, request, reply) => {",
        "  if (error.validation) { reply.status(422).send({ problem: error.message }); return }",
        "  reply.status(error.statusCode ?? 500).send({ problem: error.message })",
        "})",
        "app.get('/things/:id', async (request) => { throw app.httpErrors.notFound('No such thing') })",
        "",
      ].join("\n"),
    });
    expect(m.errors).toMatchObject({ style: "httpErrors", statusMethod: "code", handler: { keys: ["problem"], validationStatus: 422 }, validationStatus: 422 });
    expect(m.errors.sensible).toHaveLength(1);
  });

  it("declines a repository without a Fastify app or a plugin fastify-cli starts", async () => {
    const { fastify } = await import("../../../../src/llm/template/frameworks/fastify/index.js");
    const result = await fastify.read(memoryRepo({ "package.json": PKG, "lib/util.js": "export const x = 1\n" }), ESM_FACTS);
    expect(result).toEqual({ ok: false, decline: expect.objectContaining({ reason: expect.stringMatching(/^I could not find where the Fastify app is created/) }) });
  });
});
