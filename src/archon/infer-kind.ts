import type { ChangeKind, TaskSpec } from "../domain/task-spec.js";

const ENDPOINT = /\b(GET|POST|PUT|PATCH|DELETE)\s+(\/[\w\-./:{}]*)/i;

export interface EndpointRef {
  method: string;
  path: string;
  /** First literal path segment, e.g. `users` for `/users/:id`; names the files. */
  resource: string;
}

/** `GET /users/:id` named in the spec, if any. */
export function findEndpoint(spec: TaskSpec): EndpointRef | undefined {
  const match = ENDPOINT.exec(`${spec.title}\n${spec.description}`);
  if (!match?.[1] || !match[2]) return undefined;
  const segment = match[2].split("/").find((s) => s !== "" && !s.startsWith(":") && !s.startsWith("{"));
  const resource = (segment ?? "root").replace(/[^\w-]/g, "").toLowerCase() || "root";
  return { method: match[1].toUpperCase(), path: match[2], resource };
}

/** The requester's choice, or a guess from the words of a free-form issue. */
export function inferKind(spec: TaskSpec): ChangeKind {
  if (spec.kind) return spec.kind;
  const title = spec.title.toLowerCase();
  if (findEndpoint(spec)) return "endpoint";
  if (/\b(docs?|documentation|readme|document)\b/.test(title)) return "docs";
  if (/\b(tests?|coverage|spec)\b/.test(title) && !/\b(fix|bug)\b/.test(title)) return "tests";
  if (/\b(fix|bug|broken|crash|error|regression)\b/.test(title)) return "fix";
  return "feature";
}
