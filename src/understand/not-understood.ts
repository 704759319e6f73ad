import type { NotUnderstood, Understanding } from "./spec.js";

/** Reasons Archon gives when it cannot read an issue as a task, one sentence each, with what to add. */

export function notUnderstood(reason: string, add: string): Understanding {
  return { ok: false, missing: { reason, add } };
}

/** User text inside a reason: short, on one line, in code so it never ends the sentence. */
export function quoted(text: string): string {
  const clean = text.replace(/[`\s]+/g, " ").trim().slice(0, 60);
  return `\`${clean || "?"}\``;
}

export const NO_ENDPOINT: NotUnderstood = {
  reason: "The issue names no HTTP endpoint and no collection of items.",
  add: 'Name the endpoint with its method and path, e.g. `GET /health` returning `{"status":"ok"}`, or the collection, e.g. "a CRUD resource for books with title and author".',
};

export function nonEndpointWork(kind: "docs" | "tests" | "fix"): NotUnderstood {
  const what = { docs: "a documentation change", tests: "tests only", fix: "a fix to existing behaviour" }[kind];
  return {
    reason: `The issue asks for ${what}, not a new HTTP endpoint.`,
    add: "Archon's template provider adds endpoints: name the endpoint with its method and path, e.g. `GET /health`, or label the issue for a person.",
  };
}

export function unreadablePath(raw: string): NotUnderstood {
  return {
    reason: `The path ${quoted(raw)} has a wildcard, pattern or character Archon cannot read.`,
    add: "Write the path with literal segments and named parameters, e.g. `/files/:name`.",
  };
}

export function pathWithoutMethod(path: string): NotUnderstood {
  return {
    reason: `The issue names the path ${quoted(path)} but not its HTTP method.`,
    add: `Write the method before the path, e.g. \`GET ${path.slice(0, 60)}\`.`,
  };
}

export const UNNAMED_COLLECTION: NotUnderstood = {
  reason: "The issue asks for a collection but does not name it.",
  add: 'Name the collection or its path, e.g. "a CRUD resource for books" or `/api/books`.',
};

export function severalCollections(paths: string[]): NotUnderstood {
  const [a = "", b = ""] = paths;
  return {
    reason: `The issue asks for endpoints on two collections, ${quoted(a)} and ${quoted(b)}, and Archon builds one collection per task.`,
    add: "Split the issue into one issue per collection.",
  };
}

export const UNREADABLE: NotUnderstood = {
  reason: "The issue could not be read as a task.",
  add: "Name the endpoint with its method and path, e.g. `GET /health`.",
};
