import type { EndpointRole, EndpointSpec, ParamSpec, ResourceSpec, ResponseSpec } from "./spec.js";
import type { EndpointDraft } from "./endpoint-draft.js";
import type { FieldReading } from "./read-fields.js";
import { emptyDraft, finishField, finishParam } from "./field-draft.js";
import { defaultFromExamples } from "./query-defaults.js";

const USUAL_STATUS: Record<EndpointRole, number> = { list: 200, get: 200, create: 201, replace: 200, update: 200, delete: 204, count: 200, custom: 200 };

function pathParam(name: string, reading: FieldReading, resource: ResourceSpec | undefined): ParamSpec {
  const draft = reading.params.get(name) ?? emptyDraft(name);
  const param = finishParam(draft, "path", true);
  if (!resource || name !== resource.idName || draft.typeFrom === "declared") return param;
  if (resource.idType === "integer") return { ...param, type: "integer" };
  if (resource.idType === "uuid") return { ...param, type: "string", constraints: { ...param.constraints, format: "uuid" } };
  return param;
}

function queryParam(name: string, draft: EndpointDraft, reading: FieldReading): ParamSpec {
  const facts = reading.query.get(name) ?? emptyDraft(name);
  const param = finishParam(facts, "query", facts.requiredStated ? (facts.required ?? false) : false);
  if (param.default === undefined) {
    const value = defaultFromExamples(name, draft.examples);
    if (value !== undefined) param.default = param.type === "integer" && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  return param;
}

function response(draft: EndpointDraft, status: number): ResponseSpec {
  const example = draft.response?.example;
  switch (draft.role) {
    case "list":
      return { kind: "items" };
    case "get":
    case "create":
    case "replace":
    case "update":
      return { kind: "item" };
    case "count": {
      const keys = example?.value && typeof example.value === "object" && !Array.isArray(example.value) ? Object.keys(example.value) : [];
      return { kind: "count", key: keys.length === 1 ? (keys[0] ?? "count") : "count" };
    }
    default:
      if (example) return { kind: "example", example: example.value, free: example.free };
      return draft.role === "delete" || status === 204 ? { kind: "none" } : { kind: "unknown" };
  }
}

function body(draft: EndpointDraft, reading: FieldReading, resource: ResourceSpec | undefined): EndpointSpec["body"] {
  const own = reading.bodies.get(draft);
  const idName = resource?.idName ?? "id";
  if (own && !draft.bodyIsResource) {
    const fields = [...own.keys()].map((name) => finishField((draft.role !== "custom" ? reading.book.get(name) : undefined) ?? own.get(name) ?? emptyDraft(name), idName, true));
    return { fields };
  }
  if (["create", "replace", "update"].includes(draft.role)) return { resource: true };
  return undefined;
}

/** The spec of one endpoint, from its draft and the fields and parameters read for the whole issue. */
export function buildEndpoint(draft: EndpointDraft, reading: FieldReading, resource: ResourceSpec | undefined, text: string): EndpointSpec {
  const status = draft.statuses[0] ?? USUAL_STATUS[draft.role];
  const spec: EndpointSpec = {
    method: draft.method,
    path: draft.path,
    role: draft.role,
    params: draft.params.map((name) => pathParam(name, reading, resource)),
    query: draft.query.map(([name]) => queryParam(name, draft, reading)),
    status,
    statusStated: draft.statuses.length > 0,
    response: response(draft, status),
    outcomes: draft.outcomes,
    examples: draft.examples,
    text,
  };
  const sent = body(draft, reading, resource);
  if (sent) spec.body = sent;
  return spec;
}
