import { expect } from "vitest";
import type { CorpusRow } from "./corpus-row.js";
import { task } from "./corpus-row.js";

/** Endpoints with a computed or fixed answer: health, version, time, echo, conversions. */
export const CUSTOM_ROWS: CorpusRow[] = [
  {
    name: "lower-case method in a terse title",
    task: task("get /health"),
    endpoints: [["GET /health", "custom", 200]],
    detail: { "GET /health": { statusStated: false, response: { kind: "unknown" } } },
  },
  {
    name: "version endpoint under a nested path, a file named",
    task: task("Version endpoint", 'Add `GET /api/health/version` that returns `{ "version": "1.4.2" }` (read it from `package.json`).'),
    endpoints: [["GET /api/health/version", "custom", 200]],
    detail: { "GET /api/health/version": { response: { kind: "example", example: { version: "1.4.2" }, free: [] } } },
    hints: { paths: ["package.json"] },
    check: (t) => expect(t.resource).toBeUndefined(),
  },
  {
    name: "status with a JSON block and words about a computed value",
    task: task("Uptime in /status", 'Please expose `GET /status`:\n\n```json\n{ "status": "ok", "uptime": 12.5 }\n```\n\nwhere `uptime` is the number of seconds since the process started.'),
    endpoints: [["GET /status", "custom", 200]],
    detail: { "GET /status": { response: { kind: "example", example: { status: "ok", uptime: 12.5 }, free: [] } } },
    check: (t) => expect(t.endpoints[0]?.text).toContain("number of seconds since the process started"),
  },
  {
    name: "time endpoint, public like the heartbeat",
    task: task("Server time", '`GET /api/time` → `{ "now": "2024-01-01T00:00:00Z" }`. It stays public like the heartbeat.'),
    endpoints: [["GET /api/time", "custom", 200]],
    auth: { kind: "public", like: "heartbeat" },
  },
  {
    name: "echo with a request body, a response and a rule",
    task: task("Echo endpoint", 'Add `POST /api/echo` which takes `{ "message": "hi" }` and returns `{ "echo": "hi" }` with `200`. `message` is a required, non-empty string.'),
    endpoints: [["POST /api/echo", "custom", 200]],
    detail: {
      "POST /api/echo": {
        statusStated: true,
        body: { fields: [{ name: "message", type: "string", required: true, nullable: false, constraints: { minLength: 1 }, readOnly: false, example: "hi" }] },
        response: { kind: "example", example: { echo: "hi" }, free: [] },
        examples: [{ params: {}, body: { message: "hi" }, response: { echo: "hi" } }],
      },
    },
  },
  {
    name: "ping kept public like it is",
    task: task("Ping", 'We need a `GET /ping` that answers the plain JSON `{"pong": true}`; keep it public like it is for the other probes.'),
    endpoints: [["GET /ping", "custom", 200]],
    auth: { kind: "public" },
    detail: { "GET /ping": { response: { kind: "example", example: { pong: true }, free: [] } } },
  },
  {
    name: "issue form with sections and criteria",
    task: task(
      "Readiness probe",
      "### What to build\n\nA readiness endpoint for Kubernetes.\n\n### Endpoint\n\n`GET /ready`\n\n### Response\n\n`200` with `{ \"ready\": true }` once the app has started, `503` otherwise.\n\n### Acceptance criteria\n\n- [ ] `GET /ready` returns 200 when ready\n- [ ] a test in `test/ready.test.ts`",
    ),
    endpoints: [["GET /ready", "custom", 200]],
    detail: { "GET /ready": { statusStated: true, response: { kind: "example", example: { ready: true }, free: [] } } },
    outcomes: [{ endpoint: "GET /ready", status: 503, when: { kind: "other" } }],
    hints: { testsAt: "test/ready.test.ts" },
  },
  {
    name: "answer in the next paragraph of a terse body",
    task: task("Add `GET /api/stats`", 'Returns `{ "users": 3, "notes": 12 }`.'),
    endpoints: [["GET /api/stats", "custom", 200]],
    detail: { "GET /api/stats": { response: { kind: "example", example: { users: 3, notes: 12 }, free: [] } } },
  },
  {
    name: "FastAPI path parameter declared an integer with a range",
    task: task("Fibonacci endpoint", '`GET /fib/{num}` returns `{ "num": 10, "value": 55 }`. `{num}` is an integer between 0 and 90; anything else is a 422.'),
    endpoints: [["GET /fib/:num", "custom", 200]],
    detail: { "GET /fib/:num": { params: [{ name: "num", in: "path", type: "integer", required: true, constraints: { minimum: 0, maximum: 90 } }] } },
    outcomes: [
      { endpoint: "GET /fib/:num", status: 422, when: { kind: "invalid", target: "num", rule: "type" } },
      { endpoint: "GET /fib/:num", status: 422, when: { kind: "invalid", target: "num", rule: "maximum" } },
    ],
  },
  {
    name: "word parameter stays a string",
    task: task("Word reverse", '- `GET /api/reverse/:word` → `{ "reversed": "olleh" }` for `hello`'),
    endpoints: [["GET /api/reverse/:word", "custom", 200]],
    detail: { "GET /api/reverse/:word": { params: [{ name: "word", in: "path", type: "string", required: true, constraints: {} }] } },
  },
  {
    name: "required numeric query parameter",
    task: task("Temperature conversion", 'Add `GET /convert?celsius=100` → `{ "fahrenheit": 212 }`. `celsius` is required and must be a number.'),
    endpoints: [["GET /convert", "custom", 200]],
    detail: {
      "GET /convert": {
        query: [{ name: "celsius", in: "query", type: "number", required: true, example: 100, constraints: {} }],
        examples: [{ params: { celsius: "100" }, response: { fahrenheit: 212 } }],
      },
    },
  },
  {
    name: "query parameters with a default and a maximum in words",
    task: task("Paginated search", '`GET /api/search?q=cat&limit=10` returns `{ "results": [], "total": 0 }`. `limit` defaults to 20 and must be at most 100.'),
    endpoints: [["GET /api/search", "custom", 200]],
    detail: {
      "GET /api/search": {
        query: [
          { name: "q", in: "query", type: "string", required: false, example: "cat", constraints: {} },
          { name: "limit", in: "query", type: "integer", required: false, example: 10, default: 20, constraints: { maximum: 100 } },
        ],
      },
    },
  },
  {
    name: "two custom endpoints in one sentence",
    task: task("Clock endpoints", "Add `GET /api/time` and `GET /api/date`, both plain JSON."),
    endpoints: [
      ["GET /api/time", "custom", 200],
      ["GET /api/date", "custom", 200],
    ],
    summary: "Add 2 endpoints: GET /api/time, GET /api/date",
  },
  {
    name: "webhook receiver with a stated 202",
    task: task("GitHub webhook receiver", "`POST /webhooks/github` receives GitHub events and answers `202`."),
    endpoints: [["POST /webhooks/github", "custom", 202]],
    detail: { "POST /webhooks/github": { statusStated: true } },
  },
  {
    name: "redirect by slug is custom with a 302",
    task: task("Short links", "`GET /r/:slug` redirects (302) to the stored URL."),
    endpoints: [["GET /r/:slug", "custom", 302]],
    check: (t) => expect(t.resource).toBeUndefined(),
  },
  {
    name: "settings singleton: object answers stay custom",
    task: task("Settings", '`GET /api/settings` returns `{ "theme": "dark" }` and `PUT /api/settings` replaces them.'),
    endpoints: [
      ["GET /api/settings", "custom", 200],
      ["PUT /api/settings", "custom", 200],
    ],
    check: (t) => expect(t.resource).toBeUndefined(),
  },
  {
    name: "flag switch with a body and a non-id parameter",
    task: task("Feature flags", '`PUT /api/flags/:name` sets a flag; body `{ "enabled": true }`.'),
    endpoints: [["PUT /api/flags/:name", "custom", 200]],
    detail: { "PUT /api/flags/:name": { body: { fields: [{ name: "enabled", type: "boolean", required: true, nullable: false, constraints: {}, readOnly: false, example: true }] } } },
  },
  {
    name: "Flask-style angle brackets with a converter",
    task: task("Squares", "GET /square/<int:n> returns the square of n."),
    endpoints: [["GET /square/:n", "custom", 200]],
    detail: { "GET /square/:n": { params: [{ name: "n", in: "path", type: "integer", required: true, constraints: {} }] } },
  },
  {
    name: "mixed case method and trailing punctuation",
    task: task("Metrics", "Please add Get /metrics."),
    endpoints: [["GET /metrics", "custom", 200]],
  },
  {
    name: "endpoint named in a heading, answer below",
    task: task("Random quote", '### `GET /api/quotes/random`\n\nAnswers `{ "text": "...", "author": "..." }`, or `404` when there are no quotes yet.'),
    endpoints: [["GET /api/quotes/random", "custom", 200]],
    detail: { "GET /api/quotes/random": { response: { kind: "example", example: { text: "...", author: "..." }, free: ["text", "author"] } } },
    outcomes: [{ endpoint: "GET /api/quotes/random", status: 404, when: { kind: "not-found" } }],
  },
  {
    name: "a range written as outside 2..100",
    task: task("Primes", '`GET /primes/:n` returns `{ "primes": [2, 3, 5] }`; 400 if `n` is outside 2..100.'),
    endpoints: [["GET /primes/:n", "custom", 200]],
    detail: { "GET /primes/:n": { params: [{ name: "n", in: "path", type: "string", required: true, constraints: { minimum: 2, maximum: 100 } }] } },
    outcomes: [
      { endpoint: "GET /primes/:n", status: 400, when: { kind: "invalid", target: "n", rule: "minimum" } },
      { endpoint: "GET /primes/:n", status: 400, when: { kind: "invalid", target: "n", rule: "maximum" } },
    ],
  },
  {
    name: "an array answer on a search path stays custom",
    task: task("Book search", 'We need `GET /api/books/search?q=dune` → `[{ "id": 1, "title": "Dune" }]`'),
    endpoints: [["GET /api/books/search", "custom", 200]],
    detail: { "GET /api/books/search": { response: { kind: "example", example: [{ id: 1, title: "Dune" }], free: [] } } },
  },
  {
    name: "endpoints listed in a plain code block",
    task: task("Add a health check", "Add a health check.\n\n```\nGET /health\n```\n\nIt should return `{\"status\": \"ok\"}`."),
    endpoints: [["GET /health", "custom", 200]],
    detail: { "GET /health": { response: { kind: "example", example: { status: "ok" }, free: [] } } },
  },
];
