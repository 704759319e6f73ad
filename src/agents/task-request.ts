import type { TaskSpec } from "../archon/task-spec.js";
import { plural, singular } from "./inflect.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type FieldType = "string" | "number" | "boolean";
export type Operation = "list" | "get" | "create" | "update" | "delete" | "other";

export interface FieldSpec {
  name: string;
  type: FieldType;
}

export interface EndpointRequest {
  method: HttpMethod;
  /** Express-style, e.g. `/todos/:id`. */
  path: string;
  pathParams: string[];
  /** The REST operation the method and path amount to; `other` for anything else. */
  operation: Operation;
  /** First path segment, plural: `todos`. */
  resource: string;
  bodyFields: FieldSpec[];
  response: "item" | "list" | "none";
  /** Success status first, then the error statuses, e.g. `[200, 404]`. */
  statusCodes: number[];
}

export type TaskRequest =
  | { kind: "endpoints"; resource: string; endpoints: EndpointRequest[] }
  | { kind: "crud"; resource: string; fields: FieldSpec[] }
  | { kind: "not-understood"; reason: string };

// Names end up as identifiers in generated code: anything else in the task text is not a name.
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const ENDPOINT = /\b(GET|POST|PUT|PATCH|DELETE)\s+(\/[A-Za-z0-9_\-/:{}]*)/gi;
// Most specific first: "CRUD resource for books", then "books CRUD", then a bare "CRUD".
const CRUD_FORMS = [
  /\bCRUD\b(?:\s+(?:resource|endpoints?|api|routes?))?\s+(?:for|of|on)\s+(?:the\s+|a\s+|an\s+)?([A-Za-z][\w-]*)/i,
  /\b(?!(?:a|an|the|add|full)\s)([A-Za-z][\w-]*)\s+CRUD\b/i,
  /\bCRUD\b/i,
];
const STOP_WORDS = new Set(["and", "or", "the", "a", "an", "with", "fields", "field", "properties", "of", "its", "their"]);
const NUMBER_NAMES = /^(count|year|price|quantity|qty|age|pages|rating|amount|total|score|priority|stock|size|number|weight|duration)$/i;
const BOOLEAN_NAMES = /^(done|completed|complete|active|enabled|published|archived|visible|read|available|(is|has)[A-Z_]\w*)$/;

function plainText(task: TaskSpec): string {
  return [task.title, task.description, ...task.acceptanceCriteria].join("\n");
}

/** `title (string)`, `year: number`, `done as a boolean`, `"author"` → a field. */
function parseField(raw: string): FieldSpec | undefined {
  const match = /^["'`]?([A-Za-z][\w]*)["'`]?\s*(?:[:(]\s*|\s+as\s+(?:an?\s+)?)?(string|text|number|integer|int|float|boolean|bool)?\)?$/i.exec(raw.trim());
  if (!match) return undefined;
  const name = match[1] ?? "";
  if (!NAME.test(name) || STOP_WORDS.has(name.toLowerCase())) return undefined;
  const declared = (match[2] ?? "").toLowerCase();
  if (/^(number|integer|int|float)$/.test(declared)) return { name, type: "number" };
  if (/^bool/.test(declared)) return { name, type: "boolean" };
  if (declared !== "") return { name, type: "string" };
  if (NUMBER_NAMES.test(name)) return { name, type: "number" };
  if (BOOLEAN_NAMES.test(name)) return { name, type: "boolean" };
  return { name, type: "string" };
}

function parseFieldList(list: string): FieldSpec[] {
  const fields: FieldSpec[] = [];
  for (const part of list.split(/,|\band\b|;/i)) {
    const field = parseField(part.replace(/^\s*(?:the\s+|a\s+|an\s+)?(?:fields?|properties)\s*/i, ""));
    if (field && !fields.some((f) => f.name === field.name)) fields.push(field);
  }
  return fields;
}

/** Fields from `{text}` / `{ "title": string, "author": string }` or "with title and author". */
function bodyFields(chunk: string): FieldSpec[] {
  const braces = /\{([^{}]*)\}/.exec(chunk);
  if (braces) return parseFieldList(braces[1] ?? "");
  const words = /\b(?:with|takes|taking|accepts|accepting|containing)\s+(?:(?:a|an|the)\s+)?(?:body\s+(?:of\s+|with\s+)?)?(?:fields?\s+)?([A-Za-z_][\w\s,:()]*?)(?=\s+(?:and\s+)?(?:returns?|returning|responds?|answers?|that|which|to)\b|[.\n]|$)/i.exec(chunk);
  return words ? parseFieldList(words[1] ?? "") : [];
}

function operationOf(method: HttpMethod, segments: string[]): Operation {
  const hasParam = segments.length === 2 && segments[1]!.startsWith(":");
  if (segments.length === 1) {
    if (method === "GET") return "list";
    if (method === "POST") return "create";
    return "other";
  }
  if (!hasParam) return "other";
  if (method === "GET") return "get";
  if (method === "PUT" || method === "PATCH") return "update";
  if (method === "DELETE") return "delete";
  return "other";
}

const DEFAULT_STATUSES: Record<Operation, number[]> = {
  list: [200],
  get: [200, 404],
  create: [201, 400],
  update: [200, 404, 400],
  delete: [204, 404],
  other: [200],
};

function statusCodes(operation: Operation, chunk: string, fields: FieldSpec[]): number[] {
  const stated = [...chunk.matchAll(/\b([1-5]\d\d)\b/g)].map((m) => Number(m[1]));
  const defaults = DEFAULT_STATUSES[operation].filter((code) => code !== 400 || fields.length > 0);
  const success = stated.find((code) => code < 300) ?? defaults[0] ?? 200;
  const errors = [...new Set([...defaults.filter((code) => code >= 400), ...stated.filter((code) => code >= 400)])];
  if (/not found|missing|does ?n[o']t exist/i.test(chunk) && operation !== "list" && operation !== "create" && !errors.includes(404)) {
    errors.push(404);
  }
  return [success, ...errors.sort((a, b) => a - b)];
}

function parseEndpoint(method: HttpMethod, rawPath: string, chunk: string): EndpointRequest | undefined {
  const segments = rawPath
    .split("/")
    .filter(Boolean)
    .map((s) => (s.startsWith("{") && s.endsWith("}") ? `:${s.slice(1, -1)}` : s));
  const valid = segments.every((s) => (s.startsWith(":") ? NAME.test(s.slice(1)) : /^[A-Za-z][\w-]{0,39}$/.test(s)));
  if (segments.length === 0 || !valid || segments[0]!.startsWith(":")) return undefined;
  const operation = operationOf(method, segments);
  const fields = method === "POST" || method === "PUT" || method === "PATCH" ? bodyFields(chunk) : [];
  return {
    method,
    path: `/${segments.join("/")}`,
    pathParams: segments.filter((s) => s.startsWith(":")).map((s) => s.slice(1)),
    operation,
    resource: segments[0]!,
    bodyFields: fields,
    response: operation === "delete" ? "none" : operation === "list" ? "list" : "item",
    statusCodes: statusCodes(operation, chunk, fields),
  };
}

function parseEndpoints(text: string): EndpointRequest[] {
  const matches = [...text.matchAll(ENDPOINT)];
  const endpoints: EndpointRequest[] = [];
  matches.forEach((match, i) => {
    const end = matches[i + 1]?.index ?? text.length;
    const chunk = text.slice((match.index ?? 0) + match[0].length, end);
    const endpoint = parseEndpoint(match[1]!.toUpperCase() as HttpMethod, match[2]!, chunk);
    if (!endpoint) return;
    const same = endpoints.find((e) => e.method === endpoint.method && e.path === endpoint.path);
    if (!same) endpoints.push(endpoint);
    else {
      // Mentioned again (title, then description): the later mention adds detail.
      for (const field of endpoint.bodyFields) if (!same.bodyFields.some((f) => f.name === field.name)) same.bodyFields.push(field);
      same.statusCodes = [...new Set([...same.statusCodes, ...endpoint.statusCodes.slice(1)])];
    }
  });
  return endpoints;
}

function parseCrud(text: string): TaskRequest | undefined {
  const match = CRUD_FORMS.map((form) => form.exec(text)).find((m) => m !== null);
  if (!match) return undefined;
  const after = text.slice((match.index ?? 0) + match[0].length);
  const named = match[1] ?? /^\s*(?:resource\s+)?(?:for|of)?\s*(?:the\s+)?([A-Za-z][\w-]*)/.exec(after)?.[1];
  const name = named?.toLowerCase().replace(/-/g, "_");
  if (!name || !NAME.test(name) || STOP_WORDS.has(name)) return undefined;
  const list = /\b(?:with|having|fields?:?|properties:?)\s+(?:(?:the\s+)?(?:fields?|properties)\s+)?([A-Za-z_"'`][\w\s,:()"'`]*)/i.exec(after)?.[1] ?? "";
  const resource = plural(singular(name));
  return { kind: "crud", resource, fields: parseFieldList(list.split(/[.\n]/)[0] ?? "") };
}

/**
 * Reads what a task asks for. Pure and deliberately narrow: an endpoint (`GET /todos/:id ...`) or a
 * CRUD resource (`a CRUD resource for books with title and author`); anything else is not understood.
 */
export function parseTaskRequest(task: TaskSpec): TaskRequest {
  const text = plainText(task);
  const endpoints = parseEndpoints(text);
  if (endpoints.length > 0) {
    const resources = [...new Set(endpoints.map((e) => e.resource))];
    if (resources.length > 1) {
      return { kind: "not-understood", reason: `The task names endpoints on several resources (${resources.join(", ")}); one resource per task, please.` };
    }
    return { kind: "endpoints", resource: resources[0]!, endpoints };
  }
  const crud = parseCrud(text);
  if (crud) return crud;
  return {
    kind: "not-understood",
    reason:
      'The task does not name an HTTP endpoint (such as "GET /todos/:id") or a CRUD resource (such as "a CRUD resource for books with title and author").',
  };
}
