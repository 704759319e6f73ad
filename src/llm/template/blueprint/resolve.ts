import type { EndpointSpec, FieldSpec, ParamSpec, TaskUnderstanding } from "../../../understand/spec.js";
import type { RepoReading, Result } from "../frameworks/framework.js";
import type { Blueprint, EndpointPlan, ErrorPlan, ResourcePlan, SuccessValue } from "./blueprint.js";
import { namesOf } from "./names.js";
import { resolveAuth } from "./resolve-auth.js";
import { bodyOf, invalidPlan, validationRules } from "./rules.js";
import { synthesize } from "./synthesize.js";

/** `GET /todos/:id` and `GET /todos/:todoId` are the same route. */
export function routeShape(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/:[^/]+|\{[^}]+\}/g, ":").replace(/\/+$/, "") || "/"}`;
}

const ITEM_ROLES = new Set(["get", "replace", "update", "delete"]);
const BODY_ROLES = new Set(["create", "replace", "update"]);

function fail(reason: string, add?: string): Result<never> {
  return { ok: false, decline: add ? { reason, add } : { reason } };
}

function resourcePlan(task: TaskUnderstanding, reading: RepoReading): ResourcePlan | undefined {
  const spec = task.resource;
  if (!spec) return undefined;
  const existing = reading.resources.find((r) => routeShape("GET", r.basePath) === routeShape("GET", spec.basePath));
  const idType = spec.idType !== "unknown" ? spec.idType : existing && existing.idType !== "unknown" ? existing.idType : "integer";
  const own = spec.fields.filter((f) => !f.readOnly && f.name !== spec.idName);
  return {
    names: namesOf(spec.segment, spec.singularWords, spec.pluralWords),
    basePath: spec.basePath,
    idName: existing?.idName ?? spec.idName,
    idType,
    fields: own.length > 0 ? own : (existing?.fields ?? []),
    store: existing ? "existing" : "new",
  };
}

function bodyFields(endpoint: EndpointSpec, resource: ResourcePlan | undefined): FieldSpec[] | undefined {
  const own = endpoint.body && "fields" in endpoint.body ? endpoint.body.fields.filter((f) => !f.readOnly) : [];
  const fields = own.length > 0 ? own : BODY_ROLES.has(endpoint.role) ? (resource?.fields ?? []) : [];
  if (!BODY_ROLES.has(endpoint.role) && own.length === 0) return undefined;
  // A partial update takes any of the fields, and fills in no defaults.
  if (endpoint.role === "update") return fields.map(({ default: _unused, ...f }) => ({ ...f, required: false }));
  return fields;
}

function idParams(endpoint: EndpointSpec, resource: ResourcePlan | undefined): ParamSpec[] {
  if (!resource || !ITEM_ROLES.has(endpoint.role)) return endpoint.params;
  const type = resource.idType === "integer" ? "integer" : "string";
  return endpoint.params.map((p, i) => (i === endpoint.params.length - 1 ? { ...p, type } : p));
}

function notFoundPlan(endpoint: EndpointSpec, resource: ResourcePlan | undefined): ErrorPlan | undefined {
  if (!ITEM_ROLES.has(endpoint.role)) return undefined;
  const stated = endpoint.outcomes.find((o) => o.when.kind === "not-found");
  const noun = resource ? resource.names.singularWords : "item";
  return { status: stated?.status ?? 404, body: bodyOf(stated), message: `${noun.charAt(0).toUpperCase()}${noun.slice(1)} not found` };
}

function successValue(endpoint: EndpointSpec): SuccessValue | undefined {
  switch (endpoint.role) {
    case "list":
      return { k: "items" };
    case "get":
    case "create":
    case "replace":
    case "update":
      return { k: "item" };
    case "delete":
      return endpoint.response.kind === "example" ? undefined : { k: "none" };
    case "count": {
      const key = endpoint.response.kind === "count" ? endpoint.response.key : "count";
      return { k: "expr", expr: { k: "object", entries: [{ key, value: { k: "count" } }] } };
    }
    case "custom":
      return undefined;
  }
}

/**
 * Resolves what an issue asks for against what the repository has: paths that exist already are
 * refused, an existing collection is extended rather than duplicated, fields come from the issue
 * (or from the collection's existing validation), and custom answers are worked out from the
 * issue's examples. The result is the same for every framework.
 */
export function resolveBlueprint(task: TaskUnderstanding, reading: RepoReading): Result<Blueprint> {
  for (const endpoint of task.endpoints) {
    const taken = reading.routes.find((r) => routeShape(r.method, r.path) === routeShape(endpoint.method, endpoint.path));
    if (taken) return fail(`\`${endpoint.method} ${endpoint.path}\` already exists in \`${taken.file}\`.`, "Ask for a change to the existing route, or give the new one another path.");
  }
  const resource = resourcePlan(task, reading);
  const auth = resolveAuth(task.auth, reading);
  if (!auth.ok) return auth;
  const endpoints: EndpointPlan[] = [];
  for (const spec of task.endpoints) {
    const route = `${spec.method} ${spec.path}`;
    const body = bodyFields(spec, resource);
    if (body && body.length === 0 && BODY_ROLES.has(spec.role)) {
      const noun = resource?.names.singularWords ?? "item";
      return fail(`The issue does not say which fields a ${noun} has, so \`${route}\` has nothing to read from its body.`, `List them, e.g. "a ${noun} has \`title\` (string, required) and \`done\` (boolean, default false)".`);
    }
    let params = idParams(spec, resource);
    let query = spec.query;
    let value = successValue(spec);
    if (!value) {
      const synthesis = synthesize(spec, { constants: reading.constants, names: task.hints.names, collection: resource !== undefined });
      if (!synthesis.ok) return synthesis;
      value = { k: "expr", expr: synthesis.value.value };
      params = synthesis.value.params;
      query = synthesis.value.query;
    }
    const notFound = notFoundPlan(spec, resource);
    endpoints.push({
      method: spec.method,
      path: spec.path,
      role: spec.role,
      params,
      query,
      ...(body ? { body } : {}),
      // An item's id needs no rule of its own: an id that names nothing is simply not found.
      rules: validationRules(spec, ITEM_ROLES.has(spec.role) ? params.filter((p) => Object.keys(p.constraints).length > 0).map((p) => ({ ...p, type: "string" as const })) : params, query, body, reading.validationStatus),
      invalid: invalidPlan(spec, reading.validationStatus),
      ...(notFound ? { notFound } : {}),
      success: { status: spec.status, value },
      spec,
    });
  }
  return { ok: true, value: { understanding: task, ...(resource ? { resource } : {}), endpoints, auth: auth.value } };
}
