import type { Blueprint, EndpointPlan, FieldSpec, JsonValue } from "../blueprint/blueprint.js";
import { brokenPhrase } from "../blueprint/broken-phrase.js";

/** Paths as the framework writes them: `/todos/:id`, or FastAPI's `/todos/{id}`. */
export type PathStyle = (path: string) => string;

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sample(f: FieldSpec): JsonValue {
  if (f.example !== undefined) return f.example;
  return f.type === "integer" || f.type === "number" ? 1 : f.type === "boolean" ? true : f.type === "array" ? [] : "...";
}

/** `{ "title": "...", "done": true }`: a body with every field the endpoint reads. */
export function exampleBody(fields: FieldSpec[]): string {
  return `{ ${fields.map((f) => `${JSON.stringify(f.name)}: ${JSON.stringify(sample(f))}`).join(", ")} }`;
}

function errors(ep: EndpointPlan): string {
  const out: string[] = [];
  const statuses = new Set<number>();
  for (const r of ep.rules) {
    if (statuses.has(r.error.status)) continue;
    statuses.add(r.error.status);
    out.push(`${r.error.status} when ${brokenPhrase(r)}`);
  }
  if (ep.notFound) out.push(`${ep.notFound.status} when there is none`);
  return out.length > 0 ? `; ${out.join(", ")}` : "";
}

/** One line about an endpoint, for the README and the reference page's table. */
export function describeEndpoint(ep: EndpointPlan, bp: Blueprint): string {
  const one = bp.resource?.names.singularWords ?? "item";
  const many = bp.resource?.names.pluralWords ?? "items";
  const status = ep.success.status;
  switch (ep.role) {
    case "list":
      return `lists the ${many}; ${status}`;
    case "get":
      return `answers one ${one} by id; ${status}${errors(ep)}`;
    case "create":
      return `creates a ${one} from \`${exampleBody(ep.body ?? [])}\`; ${status} with the ${one}${errors(ep)}`;
    case "replace":
      return `replaces a ${one}'s fields; ${status} with the ${one}${errors(ep)}`;
    case "update":
      return `changes the fields it is sent; ${status} with the ${one}${errors(ep)}`;
    case "delete":
      return `deletes a ${one}; ${status}${errors(ep)}`;
    case "count":
      return `answers the number of ${many}; ${status}`;
    case "custom": {
      const example = ep.spec.response.kind === "example" ? ep.spec.response.example : undefined;
      return `${example !== undefined ? `answers \`${JSON.stringify(example)}\`` : "answers"}; ${status}${errors(ep)}`;
    }
  }
}
