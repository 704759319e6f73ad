import { expect } from "vitest";
import type { CorpusRow } from "./corpus-row.js";
import { task } from "./corpus-row.js";

/** Issues as maintainers wrote them in a public benchmark; a few rows among many, not special cases. */
export const REAL_ROWS: CorpusRow[] = [
  {
    name: "real: greeting with a query example, a length rule and an error body",
    task: task(
      "Add a /api/greeting endpoint",
      'We need a second small JSON endpoint next to `/api/hello` for the client page.\n\n- `GET /api/greeting` → `{ "greeting": "Hello, World!" }`\n- `GET /api/greeting?name=Ada` → `{ "greeting": "Hello, Ada!" }`\n\nNames longer than 50 characters should get a `400` with `{ "error": "<message>" }` instead. Keep the existing 404 handling as it is, and add a test next to the existing ones.',
    ),
    endpoints: [["GET /api/greeting", "custom", 200]],
    detail: {
      "GET /api/greeting": {
        query: [{ name: "name", in: "query", type: "string", required: false, default: "World", example: "Ada", constraints: { maxLength: 50 } }],
        response: { kind: "example", example: { greeting: "Hello, World!" }, free: [] },
        examples: [
          { params: {}, response: { greeting: "Hello, World!" } },
          { params: { name: "Ada" }, response: { greeting: "Hello, Ada!" } },
        ],
      },
    },
    outcomes: [{ endpoint: "GET /api/greeting", status: 400, when: { kind: "invalid", target: "name", rule: "maxLength" }, body: { example: { error: "<message>" }, free: ["error"] } }],
    hints: { mirror: "/api/hello", testsAt: undefined },
    check: (t) => expect(t.endpoints[0]?.outcomes.map((o) => o.status)).toEqual([400]),
  },
  {
    name: "real: contacts under a base with relative paths, a JSON item and conditions",
    task: task(
      "Contacts API (in-memory for now)",
      "Hey! For the demo we'd like to show a small REST resource. Could we get contacts under `/api/contacts`? No database yet, keeping them in memory is totally fine (they can vanish on restart).\n\nEndpoints, relative to `/api/contacts`:\n- `GET /` – list all contacts\n- `POST /` – create one; answers `201` with the stored contact including a generated `id`\n- `GET /:id` – one contact\n- `PUT /:id` – replace name/email/phone; answers the updated contact\n- `DELETE /:id` – `204` on success\n\nA contact looks like this:\n\n```json\n{ \"id\": 1, \"name\": \"Grace Hopper\", \"email\": \"grace@example.com\", \"phone\": \"555-0100\" }\n```\n\n`name` and `email` are required, `phone` is optional. Please answer `400` with `{ \"error\": \"...\" }` when the name is missing or the email has no `@`, and `404` with `{ \"error\": \"...\" }` for an unknown id. Tests with supertest like the existing ones, please.",
    ),
    endpoints: [
      ["GET /api/contacts", "list", 200],
      ["POST /api/contacts", "create", 201],
      ["GET /api/contacts/:id", "get", 200],
      ["PUT /api/contacts/:id", "replace", 200],
      ["DELETE /api/contacts/:id", "delete", 204],
    ],
    resource: { segment: "contacts", basePath: "/api/contacts", idType: "integer", idName: "id", singularWords: ["contact"] },
    fields: [
      { name: "id", type: "integer", readOnly: true, required: false },
      { name: "name", type: "string", required: true },
      { name: "email", type: "string", required: true, constraints: { contains: "@" } },
      { name: "phone", type: "string", required: false },
    ],
    outcomes: [
      { endpoint: "POST /api/contacts", status: 400, when: { kind: "invalid", target: "name", rule: "required" }, body: { example: { error: "..." }, free: ["error"] } },
      { endpoint: "POST /api/contacts", status: 400, when: { kind: "invalid", target: "email", rule: "contains" } },
      { endpoint: "PUT /api/contacts/:id", status: 404, when: { kind: "not-found" }, body: { example: { error: "..." }, free: ["error"] } },
      { endpoint: "DELETE /api/contacts/:id", status: 404, when: { kind: "not-found" } },
    ],
    storage: { kind: "memory" },
    hints: { libraries: ["supertest"] },
    summary: "Add a contacts resource under /api/contacts (5 endpoints)",
    detail: { "POST /api/contacts": { statusStated: true, body: { resource: true } }, "GET /api/contacts": { statusStated: false } },
  },
  {
    name: "real: notes module from a table, a TS shape and the usual error shape",
    task: task(
      "Add a `notes` module (CRUD, in-memory)",
      'Following the structure of `src/modules/url-shortener` (router / controller / service / domain), add a `notes` module mounted at `/notes`.\n\n| method | path | result |\n|---|---|---|\n| GET | /notes | 200, array of notes |\n| POST | /notes | 201, the created note |\n| GET | /notes/:id | 200, or 404 |\n| PUT | /notes/:id | 200 with the updated note, or 404 |\n| DELETE | /notes/:id | 204, or 404 |\n\nA note is `{ id: string, title: string, content: string }`. Validate bodies with zod through the existing `zalidate` middleware: `title` is required (1–100 characters), `content` is optional and defaults to an empty string. Errors must go through the catch-all handler so they keep the usual shape, e.g. `{ "status": "error", "statusCode": 404, "message": "Not Found" }`, plus `fieldErrors` for validation failures. Keep the data in memory like the url-shortener service does.',
    ),
    endpoints: [
      ["GET /notes", "list", 200],
      ["POST /notes", "create", 201],
      ["GET /notes/:id", "get", 200],
      ["PUT /notes/:id", "replace", 200],
      ["DELETE /notes/:id", "delete", 204],
    ],
    resource: { segment: "notes", basePath: "/notes", idType: "string" },
    fields: [
      { name: "id", type: "string", readOnly: true },
      { name: "title", type: "string", required: true, constraints: { minLength: 1, maxLength: 100 } },
      { name: "content", type: "string", required: false, default: "" },
    ],
    outcomes: [
      { endpoint: "GET /notes/:id", status: 404, when: { kind: "not-found" }, body: { usual: true, example: { status: "error", statusCode: 404, message: "Not Found" } } },
      { endpoint: "DELETE /notes/:id", status: 404, when: { kind: "not-found" }, body: { usual: true } },
    ],
    storage: { kind: "memory" },
    hints: { mirror: "src/modules/url-shortener", libraries: ["zod"], paths: ["src/modules/url-shortener"] },
    check: (t) => {
      expect(t.hints.names).toContain("zalidate");
      expect(t.endpoints.every((e) => e.statusStated)).toBe(true);
      // "(CRUD, in-memory)" in the title describes the module; it lists no fields.
      expect(t.resource?.fields.map((f) => f.name)).toEqual(["id", "title", "content"]);
    },
  },
  {
    name: "real: dice route with a bounded integer path parameter",
    task: task(
      "Dice roller route",
      'Add `GET /dice/:sides` that rolls a fair die with that many sides and answers `{ "sides": 6, "result": 4 }`.\n\n`sides` must be an integer from 2 to 100; let the route\'s JSON schema reject anything else with Fastify\'s usual 400. Put it in its own folder under `routes/`, like `example`.',
    ),
    endpoints: [["GET /dice/:sides", "custom", 200]],
    detail: {
      "GET /dice/:sides": {
        params: [{ name: "sides", in: "path", type: "integer", required: true, constraints: { minimum: 2, maximum: 100 } }],
        response: { kind: "example", example: { sides: 6, result: 4 }, free: [] },
      },
    },
    outcomes: [
      { endpoint: "GET /dice/:sides", status: 400, when: { kind: "invalid", target: "sides", rule: "minimum" }, body: { usual: true } },
      { endpoint: "GET /dice/:sides", status: 400, when: { kind: "invalid", target: "sides", rule: "maximum" } },
    ],
    hints: { mirror: "example", paths: ["routes/"] },
    check: (t) => {
      expect(t.resource).toBeUndefined();
      expect(t.endpoints[0]?.text).toContain("rolls a fair die");
    },
  },
  {
    name: "real: FastAPI word stats with bearer auth like the others",
    task: task(
      "New api_c: word stats",
      'Following the `api_a` / `api_b` pattern (a package under `app/apis/` holding the logic, a view in `app/routes/views.py`), add `api_c`:\n\n`GET /api_c/{word}` (bearer token required, same as the others) returns\n\n```json\n{"word": "Stressed", "length": 8, "reversed": "dessertS", "is_palindrome": false}\n```\n\n`is_palindrome` ignores case (`Level` is one). Words longer than 32 characters should be rejected with the usual 422. Tests in `app/tests/test_apis.py`, please.',
    ),
    endpoints: [["GET /api_c/:word", "custom", 200]],
    detail: {
      "GET /api_c/:word": {
        params: [{ name: "word", in: "path", type: "string", required: true, constraints: { maxLength: 32 } }],
        response: { kind: "example", example: { word: "Stressed", length: 8, reversed: "dessertS", is_palindrome: false }, free: [] },
      },
    },
    outcomes: [{ endpoint: "GET /api_c/:word", status: 422, when: { kind: "invalid", target: "word", rule: "maxLength" }, body: { usual: true } }],
    auth: { kind: "required", like: "others", scheme: "bearer" },
    hints: { mirror: "api_a", testsAt: "app/tests/test_apis.py", paths: ["app/apis/", "app/routes/views.py", "app/tests/test_apis.py"] },
    check: (t) => {
      expect(t.hints.names).toContain("api_a");
      expect(t.hints.names).not.toContain("is_palindrome");
      expect(t.endpoints[0]?.text).toContain("ignores case");
    },
  },
  {
    name: "real: listings with several endpoints per line and a header token check",
    task: task(
      "Listings resource for stored house listings",
      "We want to keep a few house listings next to the model (in memory for now) so the UI can pick one and send it to predict.\n\nUnder `/api/listings`:\n- `GET /api/listings`, `POST /api/listings` (201)\n- `GET /api/listings/{id}`, `PUT /api/listings/{id}`, `DELETE /api/listings/{id}` (204)\n\nA listing has `address` (str), `price` (int), `bedrooms` (int) and a server-assigned integer `id`; define the pydantic models in `fastapi_skeleton/models/`. Protect every listings endpoint with the same `token` header check as `/api/model/predict` (`security.validate_request`: missing header → 400, wrong token → 401). Unknown id → 404.",
    ),
    endpoints: [
      ["GET /api/listings", "list", 200],
      ["POST /api/listings", "create", 201],
      ["GET /api/listings/:id", "get", 200],
      ["PUT /api/listings/:id", "replace", 200],
      ["DELETE /api/listings/:id", "delete", 204],
    ],
    resource: { idType: "integer", idName: "id", basePath: "/api/listings" },
    fields: [
      { name: "address", type: "string", required: true },
      { name: "price", type: "integer", required: true },
      { name: "bedrooms", type: "integer", required: true },
      { name: "id", type: "integer", readOnly: true },
    ],
    outcomes: [
      { endpoint: "GET /api/listings", status: 400, when: { kind: "unauthenticated" } },
      { endpoint: "DELETE /api/listings/:id", status: 401, when: { kind: "forbidden" } },
      { endpoint: "PUT /api/listings/:id", status: 404, when: { kind: "not-found" } },
    ],
    storage: { kind: "memory" },
    auth: { kind: "required", like: "/api/model/predict", scheme: "header", header: "token" },
    hints: { libraries: ["pydantic"], paths: ["fastapi_skeleton/models/"] },
    detail: { "GET /api/listings/:id": { params: [{ name: "id", in: "path", type: "integer", required: true, constraints: {} }] } },
    check: (t) => expect(t.hints.names).toContain("security.validate_request"),
  },
  {
    name: "real: count of stored URLs from a JSON block",
    task: task(
      "url-shortener: expose the number of stored URLs",
      'For the dashboard we need a cheap way to know how many short URLs exist without fetching the whole list.\n\nProposal: `GET /shortener/count`, answering\n\n```json\n{ "count": 6 }\n```\n\nIt should reflect creations and deletions right away (same in-memory storage as the rest of the module). Please add a test in the style of `src/app.test.ts`.',
    ),
    endpoints: [["GET /shortener/count", "count", 200]],
    detail: { "GET /shortener/count": { response: { kind: "count", key: "count" } } },
    resource: { segment: "shortener", basePath: "/shortener" },
    storage: { kind: "existing" },
    hints: { testsAt: "src/app.test.ts" },
    summary: "Add GET /shortener/count",
  },
  {
    name: "real: PATCH with a specific body, the usual error format and an unknown id",
    task: task(
      "Allow changing the target of a short URL",
      'Right now a short URL can only be created or deleted, so fixing a typo in the destination means a new slug. Please add `PATCH /shortener/:id` taking `{ "url": "https://..." }`, replacing the destination and answering `200` with the updated item `{ id, url }`.\n\nSame validation as creation (an invalid `url` is a 400 in the usual error format) and a 404 for an unknown id. The service already has an `update` method; it just isn\'t exposed.',
    ),
    endpoints: [["PATCH /shortener/:id", "update", 200]],
    detail: { "PATCH /shortener/:id": { statusStated: true, response: { kind: "item" } } },
    fields: [{ name: "id", readOnly: true }, { name: "url", type: "string" }],
    outcomes: [
      { endpoint: "PATCH /shortener/:id", status: 400, when: { kind: "invalid", target: "url", rule: "format" }, body: { usual: true } },
      { endpoint: "PATCH /shortener/:id", status: 404, when: { kind: "not-found" } },
    ],
    summary: "Add PATCH /shortener/:id",
    check: (t) => {
      const body = t.endpoints[0]?.body;
      expect(body && "fields" in body ? body.fields.map((f) => f.name) : []).toEqual(["url"]);
      expect(t.hints.names).toContain("update");
    },
  },
  {
    name: "real: a one-line title with a fixed JSON answer",
    task: task('Add GET /health returning 200 with {"status":"ok"}'),
    endpoints: [["GET /health", "custom", 200]],
    detail: { "GET /health": { statusStated: true, response: { kind: "example", example: { status: "ok" }, free: [] } } },
    summary: "Add GET /health",
    check: (t) => expect(t.resource).toBeUndefined(),
  },
  {
    name: "real: tags CRUD listing only three endpoints, one with a body",
    task: task("Tags CRUD", '- `POST /tags` with `{"name": "..."}`\n- `GET /tags`\n- `DELETE /tags/:id`'),
    endpoints: [
      ["POST /tags", "create", 201],
      ["GET /tags", "list", 200],
      ["DELETE /tags/:id", "delete", 204],
    ],
    fields: [{ name: "name", type: "string", required: true }],
    check: (t) => {
      const body = t.endpoints[0]?.body;
      expect(body && "fields" in body ? body.fields.map((f) => f.name) : []).toEqual(["name"]);
    },
  },
];
