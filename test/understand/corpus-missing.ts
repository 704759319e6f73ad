import type { CorpusRow } from "./corpus-row.js";
import { task } from "./corpus-row.js";

const NO_ENDPOINT = "The issue names no HTTP endpoint and no collection of items.";

/** Issues Archon must decline, each with the one sentence that says why. */
export const MISSING_ROWS: CorpusRow[] = [
  { name: "missing: docs work", task: task("Fix the typo in README"), missing: { reason: "The issue asks for a documentation change, not a new HTTP endpoint." } },
  { name: "missing: tests only", task: task("Add tests for the url-shortener service"), missing: { reason: "The issue asks for tests only, not a new HTTP endpoint." } },
  { name: "missing: a bug without an endpoint", task: task("The app crashes on startup when PORT is unset"), missing: { reason: "The issue asks for a fix to existing behaviour, not a new HTTP endpoint." } },
  { name: "missing: docs kind from the issue form", task: { ...task("Explain the deploy steps"), kind: "docs" }, missing: { reason: "The issue asks for a documentation change, not a new HTTP endpoint." } },
  {
    name: "missing: nothing to build",
    task: task("Make it faster", "The whole thing feels slow."),
    missing: {
      reason: NO_ENDPOINT,
      add: 'Name the endpoint with its method and path, e.g. `GET /health` returning `{"status":"ok"}`, or the collection, e.g. "a CRUD resource for books with title and author".',
    },
  },
  { name: "missing: empty body and a vague title", task: task("Improvements"), missing: { reason: NO_ENDPOINT } },
  { name: "missing: a module of the code is not a collection", task: task("Refactor the auth module to use OAuth"), missing: { reason: NO_ENDPOINT } },
  { name: "missing: a wildcard path", task: task("Serve files", "Add `GET /files/*` that streams a file."), missing: { reason: "The path `/files/*` has a wildcard, pattern or character Archon cannot read." } },
  { name: "missing: a regex parameter", task: task("Numeric users", "`GET /users/:id(\\d+)` only for numeric ids."), missing: { reason: "The path `/users/:id(\\d+)` has a wildcard, pattern or character Archon cannot read." } },
  { name: "missing: a path without a method", task: task("Add a /api/greeting endpoint"), missing: { reason: "The issue names the path `/api/greeting` but not its HTTP method." } },
  {
    name: "missing: two collections",
    task: task("Books and authors", "Add `GET /books/:id` and `GET /authors/:id`."),
    missing: { reason: "The issue asks for endpoints on two collections, `/books` and `/authors`, and Archon builds one collection per task.", add: "Split the issue into one issue per collection." },
  },
  { name: "missing: CRUD without a name", task: task("We need CRUD"), missing: { reason: "The issue asks for a collection but does not name it." } },
  {
    name: "contradiction: two success statuses",
    task: task("Quotes", "`POST /api/quotes` answers `201` with the quote.", ["`POST /api/quotes` returns 200"]),
    missing: { reason: "The issue gives `POST /api/quotes` two success statuses, 201 and 200.", add: "Keep one success status for POST /api/quotes." },
  },
  {
    name: "contradiction: required and optional",
    task: task("Contacts CRUD", "Contacts CRUD with `name` (string, required) and `phone` (string, required).\n\n`phone` is optional."),
    missing: { reason: "The issue says `phone` is both required and optional." },
  },
  {
    name: "contradiction: minimum above maximum",
    task: task("Reviews CRUD", "Reviews CRUD. `rating` must be between 5 and 1."),
    missing: { reason: "The issue gives `rating` a minimum of 5, above its maximum of 1." },
  },
  {
    name: "contradiction: a default below its minimum",
    task: task("Reviews CRUD", "Reviews CRUD. `stars` is an integer from 1 to 5 and defaults to 0."),
    missing: { reason: "The default `0` of `stars` breaks its own rule: its minimum is 1." },
  },
  {
    name: "contradiction: a default of the wrong type",
    task: task("Todos CRUD", 'Todos CRUD. `done` is a boolean that defaults to `"no"`.'),
    missing: { reason: 'The default `"no"` of `done` breaks its own rule: it is a boolean.' },
  },
  {
    name: "contradiction: a length range upside down",
    task: task("Handles CRUD", "Handles CRUD; `handle` is 20-3 characters."),
    missing: { reason: "The issue gives `handle` a minimum length of 20, above its maximum length of 3." },
  },
  { name: "missing: a path with non-ASCII characters", task: task("Santé", "Ajouter `GET /api/santé`."), missing: { reason: "The path `/api/santé` has a wildcard, pattern or character Archon cannot read." } },
  {
    name: "missing: two collections said in words",
    task: task("Books and authors", "POST /api/books creates a book; GET /api/authors lists authors"),
    missing: { reason: "The issue asks for endpoints on two collections, `/api/books` and `/api/authors`, and Archon builds one collection per task." },
  },
  { name: "missing: a chatty wish without an endpoint", task: task("Homepage", "Hey, could we maybe make the homepage load faster? It takes ages."), missing: { reason: NO_ENDPOINT } },
];
