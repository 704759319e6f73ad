import type { CorpusRow } from "./corpus-row.js";
import { task } from "./corpus-row.js";

/** Auth, storage, hints and acceptance criteria, each written the ways people write them. */
export const FORM_ROWS: CorpusRow[] = [
  {
    name: "auth: reuse a dependency for a bearer token",
    task: task("Quotes CRUD (auth)", "Quotes CRUD under `/api/quotes`. Every endpoint requires the bearer token from `/token` (reuse `get_current_user`)."),
    auth: { kind: "required", like: "get_current_user", scheme: "bearer" },
    hints: { names: ["get_current_user"] },
  },
  {
    name: "auth: bearer token same as the others",
    task: task("Me endpoint", "Add `GET /api/me` returning the current user; bearer token required, same as the others."),
    endpoints: [["GET /api/me", "custom", 200]],
    auth: { kind: "required", like: "others", scheme: "bearer" },
  },
  {
    name: "auth: an API key header",
    task: task("Reports", "`POST /api/reports` creates a report (201). An API key in the `X-API-Key` header is required."),
    endpoints: [["POST /api/reports", "create", 201]],
    auth: { kind: "required", scheme: "header", header: "X-API-Key" },
  },
  {
    name: "auth: no auth said plainly",
    task: task("Status page", '`GET /api/status` returns `{ "up": true }` — no auth, anyone can call it.'),
    auth: { kind: "public" },
  },
  {
    name: "auth: 401 and 403 stated for the whole resource",
    task: task("Private notes", "Notes CRUD at `/api/notes`, protected: answer `401` without a token and `403` when the token belongs to another user."),
    outcomes: [
      { endpoint: "GET /api/notes", status: 401, when: { kind: "unauthenticated" } },
      { endpoint: "DELETE /api/notes/:id", status: 403, when: { kind: "forbidden" } },
    ],
    auth: { kind: "required", scheme: "unknown" },
  },
  { name: "auth: nothing said", task: task("Add GET /api/hello"), auth: { kind: "unspecified" }, storage: { kind: "unspecified" } },
  {
    name: "storage: a dict in memory is fine",
    task: task("Cities CRUD", "CRUD for cities (name, country). A dict in memory is fine for now."),
    storage: { kind: "memory" },
    fields: [{ name: "name" }, { name: "country" }],
  },
  {
    name: "storage: like another resource",
    task: task("Folders", "Add `GET /api/folders` and `POST /api/folders`; store them like the notes."),
    storage: { kind: "existing", like: "notes" },
  },
  {
    name: "storage: reuse a named store",
    task: task("Link stats", "`GET /api/links/:id/clicks` returns `{ \"clicks\": 3 }`. Reuse the `links` store."),
    storage: { kind: "existing", like: "links" },
  },
  {
    name: "storage: stored in memory, said after the endpoints",
    task: task("Sessions", "- `GET /api/sessions`\n- `POST /api/sessions` (201)\n\nSessions are stored in memory."),
    storage: { kind: "memory" },
  },
  {
    name: "hints: vitest, inject and a test file to follow",
    task: task("Fastify uptime", "Add `GET /uptime`. Tests with vitest and `server.inject`, like `test/health.test.ts`."),
    hints: { libraries: ["vitest", "inject"], testsAt: "test/health.test.ts", names: ["server.inject"] },
  },
  {
    name: "hints: reply.notFound from @fastify/sensible",
    task: task("Fastify books", "`GET /books/:id` returns the book; use `reply.notFound()` from @fastify/sensible for the 404."),
    hints: { libraries: ["@fastify/sensible"], names: ["reply.notFound()"] },
    outcomes: [{ endpoint: "GET /books/:id", status: 404, when: { kind: "not-found" } }],
  },
  {
    name: "hints: a setting and a config file",
    task: task("App name", 'Add `GET /api/name` answering `{ "name": "archon" }`; read it from `APP_NAME` in `core/config.py`.'),
    hints: { names: ["APP_NAME"], paths: ["core/config.py"] },
  },
  {
    name: "hints: like a result type, next to the heartbeat",
    task: task("Heartbeat details", "Put `GET /api/heartbeat/details` next to the heartbeat and shape its result like `HearbeatResult`."),
    hints: { mirror: "HearbeatResult", names: ["HearbeatResult"] },
  },
  {
    name: "hints: next to the heartbeat, in words only",
    task: task("Liveness", "Add `GET /live` next to the heartbeat, public like the heartbeat."),
    hints: { mirror: "heartbeat" },
    auth: { kind: "public", like: "heartbeat" },
  },
  {
    name: "hints: validation and test libraries by name",
    task: task("Signups", "`POST /api/signups` (201). Validate with celebrate (or express-validator, or yup, or TypeBox); test with jest, mocha or node:test."),
    hints: { libraries: ["celebrate", "typebox", "express-validator", "yup", "jest", "mocha", "node:test"] },
  },
  {
    name: "hints: pytest with TestClient and a folder",
    task: task("Weather", "Add `GET /weather/{city}` in `routes/`, tested with pytest and TestClient under `tests/`."),
    hints: { libraries: ["pytest", "testclient"], paths: ["routes/", "tests/"], testsAt: "tests/" },
  },
  {
    name: "criteria only: endpoints and a rule in acceptance criteria",
    task: task("Ratings", "", ["POST /api/ratings creates a rating and returns 201", "GET /api/ratings lists all ratings", "`rating` must be from 1 to 5, otherwise 400"]),
    endpoints: [
      ["POST /api/ratings", "create", 201],
      ["GET /api/ratings", "list", 200],
    ],
    fields: [{ name: "rating", type: "integer", constraints: { minimum: 1, maximum: 5 } }],
    outcomes: [{ endpoint: "POST /api/ratings", status: 400, when: { kind: "invalid", target: "rating", rule: "minimum" } }],
  },
  {
    name: "criteria repeat an endpoint and add its outcome",
    task: task("Add `GET /api/books/:id`", "Returns one book.", ["`GET /api/books/:id` returns 404 for an unknown id"]),
    endpoints: [["GET /api/books/:id", "get", 200]],
    outcomes: [{ endpoint: "GET /api/books/:id", status: 404, when: { kind: "not-found" } }],
  },
  {
    name: "nested items under an endpoint carry its outcomes",
    task: task("Books POST", "- `POST /api/books`\n  - 201 with the created book\n  - 400 without a title"),
    endpoints: [["POST /api/books", "create", 201]],
    outcomes: [{ endpoint: "POST /api/books", status: 400, when: { kind: "invalid", target: "title", rule: "required" } }],
    fields: [{ name: "title", required: true }],
  },
  {
    name: "areas from the issue form are hinted paths",
    task: { title: "Add GET /api/ping", description: "", acceptanceCriteria: [], areas: ["src/routes/ping.ts"] },
    hints: { paths: ["src/routes/ping.ts"] },
  },
  {
    name: "a nested collection under a parent id",
    task: task("Post comments", "`GET /api/posts/:postId/comments` and `POST /api/posts/:postId/comments` (201)."),
    endpoints: [
      ["GET /api/posts/:postId/comments", "list", 200],
      ["POST /api/posts/:postId/comments", "create", 201],
    ],
    resource: { segment: "comments", basePath: "/api/posts/:postId/comments" },
  },
  {
    name: "delete that answers a body",
    task: task("Carts", '`DELETE /api/carts/:id` answers `200` with `{ "deleted": true }`.'),
    endpoints: [["DELETE /api/carts/:id", "delete", 200]],
    detail: { "DELETE /api/carts/:id": { response: { kind: "example", example: { deleted: true }, free: [] } } },
  },
  {
    name: "the created item after an arrow and a plus",
    task: task("Books API", "- `POST /books` → `201` + the created book\n- `GET /books/:id` → the book, or `404`"),
    endpoints: [
      ["POST /books", "create", 201],
      ["GET /books/:id", "get", 200],
    ],
    outcomes: [{ endpoint: "GET /books/:id", status: 404, when: { kind: "not-found" } }],
  },
  {
    name: "link shortener: a 409 when the slug exists",
    task: task("Links", 'Add `POST /api/links` (201) taking `{ "slug": "gh", "url": "https://github.com" }`; answer `409` if the slug already exists. `GET /api/links/:slug` returns the link.'),
    endpoints: [
      ["POST /api/links", "create", 201],
      ["GET /api/links/:slug", "get", 200],
    ],
    outcomes: [{ endpoint: "POST /api/links", status: 409, when: { kind: "conflict", target: "slug" } }],
    resource: { idName: "slug" },
  },
];
