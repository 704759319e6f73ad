import { expect } from "vitest";
import type { CorpusRow } from "./corpus-row.js";
import { task } from "./corpus-row.js";

const FIVE = (base: string, id = ":id"): CorpusRow["endpoints"] => [
  [`GET ${base}`, "list", 200],
  [`POST ${base}`, "create", 201],
  [`GET ${base}/${id}`, "get", 200],
  [`PUT ${base}/${id}`, "replace", 200],
  [`DELETE ${base}/${id}`, "delete", 204],
];

/** Collections: listed endpoints, relative paths, prefixes, tables, shapes in every language. */
export const RESOURCE_ROWS: CorpusRow[] = [
  {
    name: "CRUD in the title with fields in words",
    task: task("Add a CRUD resource for books with title and author"),
    endpoints: FIVE("/books"),
    fields: [
      { name: "title", type: "string", required: true },
      { name: "author", type: "string", required: true },
    ],
    resource: { segment: "books", singularWords: ["book"], pluralWords: ["books"], idName: "id" },
    outcomes: [{ endpoint: "GET /books/:id", status: 404, when: { kind: "not-found" } }],
    check: (t) => expect(t.endpoints.every((e) => !e.statusStated)).toBe(true),
  },
  { name: "two words: books CRUD", task: task("books CRUD"), endpoints: FIVE("/books"), summary: "Add a books resource under /books (5 endpoints)" },
  {
    name: "CRUD for books with a prose field list and a required rule",
    task: task("CRUD for books", "Each book has a `title` (string, required), an `author` (string, required) and a `year` (integer, optional). A book without an author must be a 400."),
    endpoints: FIVE("/books"),
    fields: [
      { name: "title", type: "string", required: true },
      { name: "author", type: "string", required: true },
      { name: "year", type: "integer", required: false },
    ],
    outcomes: [
      { endpoint: "POST /books", status: 400, when: { kind: "invalid", target: "author", rule: "required" } },
      { endpoint: "PUT /books/:id", status: 400, when: { kind: "invalid", target: "author", rule: "required" } },
    ],
  },
  {
    name: "classic todo list with a bare path and a boolean default",
    task: task("Todo list", "We want a classic todo list API. Please add `/todos` where each todo has a `title` and a `done` flag (boolean, defaults to `false`). Keep everything in memory."),
    endpoints: FIVE("/todos"),
    fields: [
      { name: "title", type: "string", required: true },
      { name: "done", type: "boolean", required: false, default: false },
    ],
    storage: { kind: "memory" },
  },
  {
    name: "relative paths under a versioned prefix, body for POST in a block",
    task: task(
      "Quotes API",
      'Everything lives under `/api/v1/quotes`: `POST /` creates a quote, `GET /:id` fetches one, `GET /` lists them all and `DELETE /:id` removes one (`204`).\n\nBody for POST:\n\n```json\n{ "text": "...", "author": "..." }\n```\n\n`author` is optional.',
    ),
    endpoints: [
      ["POST /api/v1/quotes", "create", 201],
      ["GET /api/v1/quotes/:id", "get", 200],
      ["GET /api/v1/quotes", "list", 200],
      ["DELETE /api/v1/quotes/:id", "delete", 204],
    ],
    resource: { basePath: "/api/v1/quotes", segment: "quotes" },
    fields: [
      { name: "text", type: "string", required: true },
      { name: "author", type: "string", required: false },
    ],
    detail: { "POST /api/v1/quotes": { body: { resource: true } } },
  },
  {
    name: "table with method and path in one cell, a PATCH and a field list",
    task: task(
      "Bookmarks",
      "| Endpoint | Description |\n|---|---|\n| `GET /bookmarks` | list bookmarks |\n| `POST /bookmarks` | create, returns 201 |\n| `GET /bookmarks/:id` | one bookmark, 404 if missing |\n| `PATCH /bookmarks/:id` | partial update |\n| `DELETE /bookmarks/:id` | 204 |\n\nA bookmark has `url` (a valid URL, required), `title` (string, optional) and `tags` (list of strings).",
    ),
    endpoints: [
      ["GET /bookmarks", "list", 200],
      ["POST /bookmarks", "create", 201],
      ["GET /bookmarks/:id", "get", 200],
      ["PATCH /bookmarks/:id", "update", 200],
      ["DELETE /bookmarks/:id", "delete", 204],
    ],
    fields: [
      { name: "url", type: "string", required: true, constraints: { format: "url" } },
      { name: "title", type: "string", required: false },
      { name: "tags", type: "array", constraints: { items: "string" } },
    ],
    outcomes: [{ endpoint: "GET /bookmarks/:id", status: 404, when: { kind: "not-found" } }],
  },
  {
    name: "FastAPI invoices with a pydantic block and a named id",
    task: task(
      "Invoices",
      "Add invoices to the API (FastAPI, pydantic):\n\n- `GET /api/v1/invoices`\n- `POST /api/v1/invoices` → 201\n- `GET /api/v1/invoices/{invoice_id}`\n- `DELETE /api/v1/invoices/{invoice_id}` → 204\n\n```python\nclass Invoice(BaseModel):\n    customer: str\n    amount: float\n    paid: bool = False\n    note: Optional[str] = None\n```\n\nAn unknown `invoice_id` gives 404.",
    ),
    endpoints: [
      ["GET /api/v1/invoices", "list", 200],
      ["POST /api/v1/invoices", "create", 201],
      ["GET /api/v1/invoices/:invoice_id", "get", 200],
      ["DELETE /api/v1/invoices/:invoice_id", "delete", 204],
    ],
    resource: { idName: "invoice_id", segment: "invoices" },
    fields: [
      { name: "customer", type: "string", required: true },
      { name: "amount", type: "number", required: true },
      { name: "paid", type: "boolean", required: false, default: false },
      { name: "note", type: "string", required: false, nullable: true },
    ],
    outcomes: [{ endpoint: "DELETE /api/v1/invoices/:invoice_id", status: 404, when: { kind: "not-found" } }],
    hints: { libraries: ["pydantic"] },
  },
  {
    name: "saved searches: a two-word collection name",
    task: task(
      "Saved searches",
      "Users want to keep searches. Add `/api/saved-searches` with the usual CRUD: `GET /api/saved-searches`, `POST /api/saved-searches`, `GET /api/saved-searches/:id`, `PUT /api/saved-searches/:id`, `DELETE /api/saved-searches/:id`. A saved search has a `query` (string, required) and a `name` (string, required).",
    ),
    endpoints: FIVE("/api/saved-searches"),
    resource: { segment: "saved-searches", singularWords: ["saved", "search"], pluralWords: ["saved", "searches"], basePath: "/api/saved-searches" },
    fields: [
      { name: "query", required: true },
      { name: "name", required: true },
    ],
  },
  {
    name: "products: a field list with rules in words",
    task: task(
      "Products resource",
      "CRUD for products under `/api/products`. Fields:\n\n- `name` – string, required, 1-80 characters\n- `price` – number, must be >= 0\n- `quantity`, a positive integer\n- `rating` from 1 to 5, optional\n- `category`: one of `food`, `toys`, `books`\n\nUse joi for validation.",
    ),
    endpoints: FIVE("/api/products"),
    fields: [
      { name: "name", type: "string", required: true, constraints: { minLength: 1, maxLength: 80 } },
      { name: "price", type: "number", constraints: { minimum: 0 } },
      { name: "quantity", type: "integer", constraints: { minimum: 1 } },
      { name: "rating", type: "integer", required: false, constraints: { minimum: 1, maximum: 5 } },
      { name: "category", constraints: { enum: ["food", "toys", "books"] } },
    ],
    hints: { libraries: ["joi"] },
  },
  {
    name: "users: TS shape, email format and a conflict",
    task: task("Users API", "Add `POST /users` (201) and `GET /users/:id`. A user is `{ email: string; name: string; age?: number }`. `email` must be a valid email; a second user with the same email is a `409`."),
    endpoints: [
      ["POST /users", "create", 201],
      ["GET /users/:id", "get", 200],
    ],
    fields: [
      { name: "email", type: "string", required: true, constraints: { format: "email" } },
      { name: "name", type: "string", required: true },
      { name: "age", type: "number", required: false },
    ],
    outcomes: [{ endpoint: "POST /users", status: 409, when: { kind: "conflict", target: "email" } }],
  },
  {
    name: "full paths under a stated base are not doubled",
    task: task("Comments", "Under `/api/comments`:\n- `GET /api/comments`\n- `POST /api/comments` (201)\n- `DELETE /api/comments/:id` (204)"),
    endpoints: [
      ["GET /api/comments", "list", 200],
      ["POST /api/comments", "create", 201],
      ["DELETE /api/comments/:id", "delete", 204],
    ],
  },
  {
    name: "relative paths under a heading, a named id and PATCH",
    task: task("Orders", "### Endpoints (relative to `/api/v2/orders`)\n\n- `GET /`\n- `POST /` → 201\n- `GET /:orderId`\n- `PATCH /:orderId`"),
    endpoints: [
      ["GET /api/v2/orders", "list", 200],
      ["POST /api/v2/orders", "create", 201],
      ["GET /api/v2/orders/:orderId", "get", 200],
      ["PATCH /api/v2/orders/:orderId", "update", 200],
    ],
    resource: { idName: "orderId", basePath: "/api/v2/orders" },
  },
  {
    name: "an Express router mounted at a path, fields with a date and a minimum",
    task: task(
      "Events",
      "Add an `events` router mounted at `/events`: `GET /` lists events, `POST /` creates one (201), `GET /:id`, `PUT /:id`, `DELETE /:id` (204). An event has `name` (string), `date` (date, required) and `capacity` (integer, >= 1).",
    ),
    endpoints: FIVE("/events"),
    fields: [
      { name: "name", type: "string", required: true },
      { name: "date", type: "string", required: true, constraints: { format: "date" } },
      { name: "capacity", type: "integer", constraints: { minimum: 1 } },
    ],
  },
  {
    name: "count with another key, said as only the number",
    task: task("Count of books", 'Add `GET /books/count` that returns only the number of books as `{ "total": 3 }`.'),
    endpoints: [["GET /books/count", "count", 200]],
    detail: { "GET /books/count": { response: { kind: "count", key: "total" } } },
    resource: { basePath: "/books", segment: "books" },
  },
  {
    name: "count read from an example and the words 'number of'",
    task: task("Notes total", '`GET /api/notes/total` → `{ "count": 12 }`, the number of notes.'),
    endpoints: [["GET /api/notes/total", "count", 200]],
    resource: { basePath: "/api/notes" },
  },
  {
    name: "PUT said to be partial is an update",
    task: task("Profiles", "`PUT /api/profiles/:id` updates only the given fields (partial update), answers 200."),
    endpoints: [["PUT /api/profiles/:id", "update", 200]],
  },
  {
    name: "delete only, with its outcome in the same sentence",
    task: task("Log out", "Add `DELETE /api/sessions/:id` to log out; `204` on success, `404` for an unknown session."),
    endpoints: [["DELETE /api/sessions/:id", "delete", 204]],
    outcomes: [{ endpoint: "DELETE /api/sessions/:id", status: 404, when: { kind: "not-found" } }],
    summary: "Add DELETE /api/sessions/:id",
  },
  {
    name: "get only with a FastAPI id",
    task: task("User lookup", "`GET /api/users/{user_id}` returns the user or 404"),
    endpoints: [["GET /api/users/:user_id", "get", 200]],
    resource: { idName: "user_id", segment: "users" },
    outcomes: [{ endpoint: "GET /api/users/:user_id", status: 404, when: { kind: "not-found" } }],
  },
  {
    name: "list only, from the words",
    task: task("Product list", "`GET /api/products` lists all products"),
    endpoints: [["GET /api/products", "list", 200]],
    detail: { "GET /api/products": { response: { kind: "items" } } },
  },
  {
    name: "chatty paragraph with a plain endpoint and an array answer",
    task: task("categories?", "Hi team! 👋 So we've been talking about this for a while… it would be great to have a way to list the categories. Something like GET /api/categories that gives back an array of categories. Thanks!!"),
    endpoints: [["GET /api/categories", "list", 200]],
    resource: { singularWords: ["category"], pluralWords: ["categories"] },
  },
  {
    name: "a custom health check next to a collection",
    task: task("Widgets", 'Add `GET /health` (returns `{ "ok": true }`) and the widgets endpoints: `GET /api/widgets`, `POST /api/widgets` (201), `DELETE /api/widgets/:id`.'),
    endpoints: [
      ["GET /health", "custom", 200],
      ["GET /api/widgets", "list", 200],
      ["POST /api/widgets", "create", 201],
      ["DELETE /api/widgets/:id", "delete", 204],
    ],
    resource: { basePath: "/api/widgets" },
  },
  {
    name: "a query rule: not a non-negative integer",
    task: task("Paged items", '`GET /api/items?page=2` → `[{ "id": 1 }]`. Answer 400 if `page` is not a non-negative integer.'),
    endpoints: [["GET /api/items", "list", 200]],
    detail: { "GET /api/items": { query: [{ name: "page", in: "query", type: "integer", required: false, example: 2, constraints: { minimum: 0 } }] } },
    outcomes: [{ endpoint: "GET /api/items", status: 400, when: { kind: "invalid", target: "page", rule: "minimum" } }],
    resource: { idType: "integer" },
  },
  {
    name: "angle-bracket id in prose",
    task: task("Item by id", "Add `GET /items/<id>` returning the item."),
    endpoints: [["GET /items/:id", "get", 200]],
  },
  {
    name: "the usual CRUD on a path in code",
    task: task("Books", "Add the usual CRUD endpoints for `/api/books`."),
    endpoints: FIVE("/api/books"),
  },
  {
    name: "CRUD under a prefix that is not the collection",
    task: task("Books v1", "CRUD for books under the `/api/v1` prefix, with title and author."),
    endpoints: FIVE("/api/v1/books"),
    fields: [{ name: "title" }, { name: "author" }],
  },
  {
    name: "numbered list with a FastAPI id",
    task: task("Tasks v2", "1. `GET /api/v2/tasks`\n2. `POST /api/v2/tasks` → 201\n3. `DELETE /api/v2/tasks/{task_id}` → 204"),
    endpoints: [
      ["GET /api/v2/tasks", "list", 200],
      ["POST /api/v2/tasks", "create", 201],
      ["DELETE /api/v2/tasks/:task_id", "delete", 204],
    ],
    resource: { idName: "task_id" },
  },
  {
    name: "inline TypeScript declarations after a resource name",
    task: task("Products", "Add a `products` resource at `/products` with `name: string`, `price: number` and `inStock?: boolean`."),
    endpoints: FIVE("/products"),
    fields: [
      { name: "name", type: "string", required: true },
      { name: "price", type: "number", required: true },
      { name: "inStock", type: "boolean", required: false },
    ],
    notFields: ["products"],
  },
  {
    name: "star bullets with em dashes and outcomes",
    task: task("Notes", "* GET /api/notes — all notes\n* POST /api/notes — create (201); 400 when `title` is empty\n* GET /api/notes/:id — 404 if missing"),
    endpoints: [
      ["GET /api/notes", "list", 200],
      ["POST /api/notes", "create", 201],
      ["GET /api/notes/:id", "get", 200],
    ],
    outcomes: [
      { endpoint: "POST /api/notes", status: 400, when: { kind: "invalid", target: "title", rule: "required" } },
      { endpoint: "GET /api/notes/:id", status: 404, when: { kind: "not-found" } },
    ],
  },
  {
    name: "query parameters named only in words",
    task: task("Books list", "`GET /api/books` lists all books. It accepts an optional `limit` query parameter (default 10, at most 50) and `?author=` to filter."),
    endpoints: [["GET /api/books", "list", 200]],
    detail: {
      "GET /api/books": {
        query: [
          { name: "limit", in: "query", type: "integer", required: false, default: 10, constraints: { maximum: 50 } },
          { name: "author", in: "query", type: "string", required: false, constraints: {} },
        ],
      },
    },
  },
];
