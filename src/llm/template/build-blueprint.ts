import type { EndpointRequest, FieldSpec, HttpMethod, TaskRequest } from "../../agents/task-request.js";
import { type Analysis, type Blueprint, type OperationSpec, type RestOperation, resourceNames, routeShape, type ServiceRoute } from "./model.js";

const SUCCESS: Record<RestOperation, number> = { list: 200, get: 200, create: 201, update: 200, delete: 204 };
const ORDER: RestOperation[] = ["list", "get", "create", "update", "delete"];
const REST_SHAPES = "GET /things, GET /things/:id, POST /things, PUT or PATCH /things/:id, DELETE /things/:id";

export interface ExistingService {
  routes: ServiceRoute[];
  /** Body fields the resource's existing create route reads. */
  createFields: FieldSpec[];
  validationStatus: number;
}

function crudOperations(plural: string): OperationSpec[] {
  const item = `/${plural}/:id`;
  const method: Record<RestOperation, HttpMethod> = { list: "GET", get: "GET", create: "POST", update: "PUT", delete: "DELETE" };
  return ORDER.map((operation) => ({
    operation,
    method: method[operation],
    path: operation === "list" || operation === "create" ? `/${plural}` : item,
    param: operation === "list" || operation === "create" ? undefined : "id",
    successStatus: SUCCESS[operation],
  }));
}

function endpointOperation(endpoint: EndpointRequest): OperationSpec | undefined {
  if (endpoint.operation === "other") return undefined;
  return {
    operation: endpoint.operation,
    method: endpoint.method,
    path: endpoint.path,
    param: endpoint.pathParams[0],
    successStatus: endpoint.statusCodes[0] ?? SUCCESS[endpoint.operation],
  };
}

/** The route shapes a request asks for, to recognise them when an earlier step already wrote them. */
export function requestedShapes(request: Exclude<TaskRequest, { kind: "not-understood" }>): Set<string> {
  const names = resourceNames(request.resource);
  const ops = request.kind === "crud" ? crudOperations(names.plural) : request.endpoints;
  return new Set(ops.map((op) => routeShape(op.method, op.path)));
}

/** Decides what to build: which operations are new, with which fields, and how tests reach them. */
export function buildBlueprint(request: Exclude<TaskRequest, { kind: "not-understood" }>, existing: ExistingService): Analysis<Blueprint> {
  const names = resourceNames(request.resource);
  const existingRoutes = existing.routes.filter((r) => r.path.split("/")[1] === names.plural);
  const has = (op: { method: string; path: string }) => existingRoutes.find((r) => routeShape(r.method, r.path) === routeShape(op.method, op.path));

  let operations: OperationSpec[];
  let fields: FieldSpec[];
  if (request.kind === "crud") {
    operations = crudOperations(names.plural).filter((op) => !has(op));
    if (operations.length === 0) return { ok: false, reason: `The repository already serves every CRUD route for ${names.plural}.` };
    fields = request.fields.length > 0 ? request.fields : existing.createFields;
  } else {
    operations = [];
    for (const endpoint of request.endpoints) {
      const op = endpointOperation(endpoint);
      if (!op) {
        return { ok: false, reason: `\`${endpoint.method} ${endpoint.path}\` is not one of the REST routes the built-in template provider writes (${REST_SHAPES}).` };
      }
      const found = has(op);
      if (found) return { ok: false, reason: `\`${found.method} ${found.path}\` already exists in \`${found.file}\`.` };
      operations.push(op);
    }
    const asked = request.endpoints.flatMap((e) => e.bodyFields);
    fields = asked.length > 0 ? asked.filter((f, i) => asked.findIndex((g) => g.name === f.name) === i) : existing.createFields;
  }
  operations.sort((a, b) => ORDER.indexOf(a.operation) - ORDER.indexOf(b.operation));
  const needsFields = operations.some((op) => op.operation === "create" || op.operation === "update");
  if (needsFields && fields.length === 0) {
    return {
      ok: false,
      reason: `The task does not say which fields a ${names.singular} has; name them, e.g. "POST /${names.plural} that takes {title}" or "a CRUD resource for ${names.plural} with title and author".`,
    };
  }
  const create = operations.find((op) => op.operation === "create");
  const existingCreate = existingRoutes.find((r) => r.method === "POST" && r.path === `/${names.plural}`);
  const createVia = create
    ? { path: create.path, fields }
    : existingCreate && existing.createFields.length > 0
      ? { path: existingCreate.path, fields: existing.createFields }
      : undefined;
  const get = operations.find((op) => op.operation === "get") ?? existingRoutes.find((r) => r.method === "GET" && /^\/[^/]+\/:[^/]+$/.test(r.path));
  return {
    ok: true,
    value: {
      names,
      operations,
      fields,
      isNewResource: existingRoutes.length === 0,
      createVia,
      getPath: get?.path,
      validationStatus: existing.validationStatus,
      existingRoutes,
    },
  };
}
