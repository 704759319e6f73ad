import type { EndpointPlan, ValidationRule } from "../../blueprint/blueprint.js";
import type { SchemaProp } from "./render-schema.js";

/**
 * Which inputs the route's JSON schema checks and which the handler does. Fastify's schema
 * answers with the repository's own validation error, so an input goes in the schema when every
 * rule on it answers that; an input whose rule asks for another status or a stated body is left
 * out of the schema and checked in the handler, where the answer can be shaped as asked.
 */
export interface RouteInputs {
  params: SchemaProp[];
  query: SchemaProp[];
  /** Body fields in the schema; undefined when the endpoint reads no body. */
  body: SchemaProp[] | undefined;
  /** Inputs the handler checks itself, by where they come from. */
  byHandler: { path: Set<string>; query: Set<string>; body: Set<string> };
}

function schemaOwns(rules: ValidationRule[], where: ValidationRule["where"], name: string, validationStatus: number): boolean {
  return rules.filter((r) => r.where === where && r.field === name).every((r) => r.error.body.kind === "repo" && r.error.status === validationStatus);
}

/**
 * Splits an endpoint's inputs between schema and handler. `idInSchema` says whether an item
 * route's id parameter is typed by the schema (new collections) or read by the handler as the
 * collection's other routes read it.
 */
export function routeInputs(ep: EndpointPlan, validationStatus: number, idInSchema: boolean): RouteInputs {
  const byHandler = { path: new Set<string>(), query: new Set<string>(), body: new Set<string>() };
  const params: SchemaProp[] = [];
  for (const p of ep.params) {
    if (ep.role !== "custom" && !idInSchema) continue;
    if (!schemaOwns(ep.rules, "path", p.name, validationStatus)) {
      byHandler.path.add(p.name);
      continue;
    }
    params.push({ name: p.name, type: p.type, required: true, nullable: false, constraints: p.constraints });
  }
  const query: SchemaProp[] = [];
  for (const q of ep.query) {
    if (!schemaOwns(ep.rules, "query", q.name, validationStatus)) {
      byHandler.query.add(q.name);
      continue;
    }
    query.push({ name: q.name, type: q.type, required: q.required && q.default === undefined, nullable: false, ...(q.default !== undefined ? { default: q.default } : {}), constraints: q.constraints });
  }
  let body: SchemaProp[] | undefined;
  if (ep.body) {
    body = [];
    for (const f of ep.body) {
      if (!schemaOwns(ep.rules, "body", f.name, validationStatus)) {
        byHandler.body.add(f.name);
        continue;
      }
      body.push({ name: f.name, type: f.type, required: f.required, nullable: f.nullable, ...(f.default !== undefined ? { default: f.default } : {}), constraints: f.constraints });
    }
  }
  return { params, query, body, byHandler };
}
