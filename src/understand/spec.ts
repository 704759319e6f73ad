/**
 * What an issue asks for, read the way its author meant it: every endpoint with its full path, the
 * shapes of bodies and responses, the fields with their rules, and the outcomes the issue states.
 * Built by `understandTask` from untrusted text; nothing here has been checked against a repository.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type ValueType = "string" | "integer" | "number" | "boolean" | "array" | "object" | "unknown";

/** Rules on one value, as the issue states them. Bounds are inclusive. */
export interface Constraints {
  /** "non-empty" is minLength 1. */
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  /** "a valid email", "a URL". */
  format?: "email" | "url" | "uuid" | "date" | "date-time";
  /** "the email has an `@`": the value must contain this text. */
  contains?: string;
  /** "one of `low`, `medium`, `high`". */
  enum?: JsonValue[];
  /** Element type of an array. */
  items?: ValueType;
}

/** A field of a request body or of a resource. */
export interface FieldSpec {
  name: string;
  type: ValueType;
  /** Must be present when an item is created (and replaced with PUT). */
  required: boolean;
  nullable: boolean;
  /** The value used when the field is absent; `undefined` means no default was stated. */
  default?: JsonValue;
  constraints: Constraints;
  example?: JsonValue;
  /** Set by the server, never taken from a request body (`id`, `createdAt`). */
  readOnly: boolean;
}

/** A path, query or header parameter. */
export interface ParamSpec {
  name: string;
  in: "path" | "query" | "header";
  type: ValueType;
  required: boolean;
  default?: JsonValue;
  constraints: Constraints;
  example?: JsonValue;
}

/**
 * When an outcome happens.
 * - `not-found`: the path names an item that does not exist.
 * - `invalid`: a value breaks a rule; `target` names the field or parameter when the issue does,
 *   and `rule` which rule ("required", "maxLength", "minimum", "format", "contains", "type",
 *   "enum", "minLength", "maximum") when it says.
 * - `unauthenticated`: credentials missing; `forbidden`: credentials wrong or not enough.
 * - `conflict`: the item exists already.
 * - `other`: a condition stated in words Archon keeps but does not model.
 */
export type Condition =
  | { kind: "not-found" }
  | { kind: "invalid"; target?: string; rule?: string }
  | { kind: "unauthenticated" }
  | { kind: "forbidden" }
  | { kind: "conflict"; target?: string }
  | { kind: "other" };

/**
 * A response body the issue shows. `example` is the JSON as written (tolerantly parsed);
 * `free` lists top-level keys whose values are placeholders (`"..."`, `"<message>"`, `...`), so
 * only their presence (and type, where the placeholder says) is stated.
 * `usual` is set when the issue asks for the repository's own error shape ("in the usual error
 * format", "Fastify's usual 400") rather than, or as well as, a literal body.
 */
export interface BodySpec {
  example?: JsonValue;
  free: string[];
  usual: boolean;
}

export interface Outcome {
  status: number;
  when: Condition;
  body?: BodySpec;
  /** The words for this outcome, for reports and test names. */
  text: string;
}

/**
 * What a successful response holds.
 * - `item` / `items`: the resource's item, or the list of items.
 * - `none`: no body (204).
 * - `example`: a body whose shape the issue shows; `example` holds it, and `rules` the words about
 *   how values are computed ("where `uptime` is the number of seconds since the process started").
 * - `count`: only the number of items ("only the number of …"), under `key` (`count` by default).
 * - `unknown`: the issue does not say.
 */
export type ResponseSpec =
  | { kind: "item" }
  | { kind: "items" }
  | { kind: "none" }
  | { kind: "example"; example: JsonValue; free: string[] }
  | { kind: "count"; key: string }
  | { kind: "unknown" };

/** An example exchange the issue shows: `GET /api/greeting?name=Ada` → `{ "greeting": "Hello, Ada!" }`. */
export interface ExampleExchange {
  /** Values of path and query parameters in this example, by name. */
  params: Record<string, string>;
  body?: JsonValue;
  response: JsonValue;
}

/**
 * What one endpoint does in the resource's terms.
 * `list`, `get`, `create`, `replace` (PUT), `update` (PATCH, or PUT the issue calls partial),
 * `delete`, `count`; `custom` for anything else (a computed or fixed answer).
 */
export type EndpointRole = "list" | "get" | "create" | "replace" | "update" | "delete" | "count" | "custom";

export interface EndpointSpec {
  method: HttpMethod;
  /** Full path, every prefix kept, parameters Express style: `/api/v1/quotes/:id`. */
  path: string;
  role: EndpointRole;
  params: ParamSpec[];
  query: ParamSpec[];
  /** Fields the request body carries, when the issue says (or `resource` for the resource's fields). */
  body?: { fields: FieldSpec[] } | { resource: true };
  /** Status of success: stated, or the usual one for the role. */
  status: number;
  /** Whether `status` was written in the issue. */
  statusStated: boolean;
  response: ResponseSpec;
  /** Error outcomes and any other stated outcome, in the order the issue gives them. */
  outcomes: Outcome[];
  examples: ExampleExchange[];
  /** The words about this endpoint (its list item, table row or sentences). */
  text: string;
}

/** A collection the issue asks for: its name, where it lives and what an item holds. */
export interface ResourceSpec {
  /** The collection's last literal path segment, as written: `saved-searches`. */
  segment: string;
  /** Lower-case words of the name: `["saved", "search"]` and `["saved", "searches"]`; code names are made from these. */
  singularWords: string[];
  pluralWords: string[];
  /** Path of the collection, every prefix kept: `/api/v1/quotes`. */
  basePath: string;
  /** Fields of an item, the id among them when the issue names it. */
  fields: FieldSpec[];
  /** How ids look, when the issue says or shows (`"id": 1` → integer). */
  idType: "integer" | "string" | "uuid" | "unknown";
  /** Name of the id field and of the path parameter (`id` unless the issue says otherwise). */
  idName: string;
}

/** Where the issue says the data lives. */
export type StorageSpec =
  | { kind: "memory" }
  /** "like the notes", "same in-memory storage as the rest of the module": an existing resource's store. */
  | { kind: "existing"; like?: string }
  | { kind: "unspecified" };

/** What the issue says about authentication. */
export type AuthSpec =
  | { kind: "unspecified" }
  /** "public like the heartbeat", "no auth needed". */
  | { kind: "public"; like?: string }
  /**
   * "bearer token required, same as the others", "protect with the same `token` header as
   * `/api/model/predict`", "reuse `get_current_user`": `like` is the path, route or name given.
   */
  | { kind: "required"; like?: string; scheme?: "bearer" | "header" | "unknown"; header?: string };

/** Names, files and libraries the issue points at, for following the repository. */
export interface Hints {
  /** Paths in the issue: files and folders (`src/modules/url-shortener`, `app/tests/test_apis.py`). */
  paths: string[];
  /** Identifiers in inline code that are not paths or fields: `zalidate`, `get_current_user`, `reply.notFound()`, `APP_NAME`. */
  names: string[];
  /** Libraries and tools named: `zod`, `typebox`, `supertest`, `vitest`, `pydantic`, `@fastify/sensible`. */
  libraries: string[];
  /** "like `example`", "following the structure of `src/modules/url-shortener`", "next to the heartbeat". */
  mirror?: string;
  /** Where the issue wants the tests: a file or folder. */
  testsAt?: string;
}

export interface TaskUnderstanding {
  /** One line for plans and reports: "Add GET /health" or "Add a contacts resource under /api/contacts". */
  summary: string;
  /** Set when the task is about a collection (CRUD, or endpoints on one resource). */
  resource?: ResourceSpec;
  endpoints: EndpointSpec[];
  storage: StorageSpec;
  auth: AuthSpec;
  hints: Hints;
}

/** Why a text could not be read as a task, in one sentence, and what to add to the issue. */
export interface NotUnderstood {
  /** One sentence naming the exact thing missing, unsupported or contradictory. */
  reason: string;
  /** What the person can add to the issue, e.g. "Name the endpoint, e.g. `GET /health`.". */
  add: string;
}

export type Understanding = { ok: true; task: TaskUnderstanding } | { ok: false; missing: NotUnderstood };
