import type { FieldSpec, HttpMethod, Operation } from "../../agents/task-request.js";
import { camelCase, kebabCase, pascalCase, plural, singular, snakeCase } from "../../agents/inflect.js";

export type RestOperation = Exclude<Operation, "other">;

export interface ResourceNames {
  /** As in the path: `todos`. */
  plural: string;
  singular: string;
  camelPlural: string;
  camelSingular: string;
  pascalSingular: string;
  snakePlural: string;
  snakeSingular: string;
  kebabPlural: string;
}

export function resourceNames(name: string): ResourceNames {
  const one = singular(name);
  const many = plural(one) === name ? name : plural(one);
  return {
    plural: many,
    singular: one,
    camelPlural: camelCase(many),
    camelSingular: camelCase(one),
    pascalSingular: pascalCase(one),
    snakePlural: snakeCase(many),
    snakeSingular: snakeCase(one),
    kebabPlural: kebabCase(many),
  };
}

export type Analysis<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface ServiceRoute {
  method: HttpMethod;
  /** Full path, Express style: `/todos/:id`. */
  path: string;
  /** The file the route is declared in. */
  file: string;
}

export interface OperationSpec {
  operation: RestOperation;
  method: HttpMethod;
  /** Full path, Express style. */
  path: string;
  /** Path parameter naming the item, for item routes. */
  param: string | undefined;
  successStatus: number;
}

/** What the template provider will build for one task on one repository; shared by all three agents. */
export interface Blueprint {
  names: ResourceNames;
  /** Operations to add, in a stable order. */
  operations: OperationSpec[];
  /** Body fields of create and update. */
  fields: FieldSpec[];
  isNewResource: boolean;
  /** How tests create an item through the API, when some route (existing or new) does. */
  createVia: { path: string; fields: FieldSpec[] } | undefined;
  /** The item route used to check an item is gone after a delete. */
  getPath: string | undefined;
  /** Status the framework answers an invalid body with (FastAPI's validation says 422). */
  validationStatus: number;
  /** The resource's routes before the change. */
  existingRoutes: ServiceRoute[];
}

export function joinPath(mount: string, local: string): string {
  const joined = `${mount.replace(/\/+$/, "")}/${local.replace(/^\/+/, "")}`.replace(/\/+$/, "");
  return joined === "" ? "/" : joined.startsWith("/") ? joined : `/${joined}`;
}

/** Route shape without parameter names: `/todos/:id` and `/todos/:todoId` are the same route. */
export function routeShape(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/:[A-Za-z_]\w*|\{[A-Za-z_]\w*\}/g, ":").replace(/\/+$/, "") || "/"}`;
}
