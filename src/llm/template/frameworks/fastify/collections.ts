import ts from "typescript";
import type { EndpointRole, FieldSpec } from "../../../../understand/spec.js";
import type { JsProject } from "../../jsts/project.js";
import { functionOf, walk } from "../../jsts/symbols.js";
import { findService, findStore, type InlineStore, type Service } from "./find-store.js";
import type { Decorator } from "./instance-calls.js";
import { fieldsOf, propertyType, readSchema } from "./read-schema.js";
import { type RouteReg, schemaPart } from "./route-registrations.js";
import type { ServedRoute } from "./route-table.js";
import type { Scope } from "./scopes.js";

export interface Collection {
  basePath: string;
  scope: Scope;
  routes: { route: ServedRoute; role: EndpointRole }[];
  idName: string;
  idType: "integer" | "string" | "unknown";
  fields: FieldSpec[];
  service?: Service;
  store?: InlineStore;
}

const ITEM = /\/:[^/]+$/;

function roleOf(method: string, path: string): EndpointRole | undefined {
  if (!ITEM.test(path)) return method === "GET" ? "list" : method === "POST" ? "create" : undefined;
  return ({ GET: "get", PUT: "replace", PATCH: "update", DELETE: "delete" } as Record<string, EndpointRole>)[method];
}

export function handlerFn(project: JsProject, reg: RouteReg | undefined): ts.FunctionLikeDeclaration | undefined {
  return reg?.handler ? functionOf(project, reg.handler) : undefined;
}

/** Body fields a handler reads when no schema names them: `request.body.title`, `const { title } = request.body`. */
function readFields(fn: ts.FunctionLikeDeclaration | undefined): FieldSpec[] {
  if (!fn) return [];
  const names: string[] = [];
  walk(fn, (n) => {
    if (ts.isVariableDeclaration(n) && ts.isObjectBindingPattern(n.name) && n.initializer && /\.body$/.test(n.initializer.getText())) {
      for (const e of n.name.elements) names.push((e.propertyName ?? e.name).getText());
    }
    if (ts.isPropertyAccessExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === "body") names.push(n.name.text);
  });
  return [...new Set(names)].map((name) => ({ name, type: "unknown", required: false, nullable: false, constraints: {}, readOnly: false }));
}

/** The id's type from the item routes: a typed params schema, `Number(request.params.id)`, or a counter. */
function idTypeOf(project: JsProject, c: Collection, store: InlineStore | undefined): Collection["idType"] {
  for (const { route, role } of c.routes) {
    if (role === "list" || role === "create") continue;
    const params = readSchema(project, schemaPart(project, route.reg, "params"));
    const t = propertyType(params?.schema, c.idName);
    if (t === "integer" || t === "number") return "integer";
    if (t === "string") return "string";
    const text = handlerFn(project, route.reg)?.getText() ?? "";
    if (new RegExp(`(Number|parseInt)\\(\\s*\\w+\\.params\\.${c.idName}\\b|\\+\\w+\\.params\\.${c.idName}\\b`).test(text)) return "integer";
  }
  if (store?.nextId && /\+\+|\+\s*1/.test(store.nextId) && !/String|uuid|nanoid|random/i.test(store.nextId)) return "integer";
  return "unknown";
}

/** The collections the repository serves: routes grouped by base path, with their fields and data. */
export function findCollections(project: JsProject, served: ServedRoute[], decorators: Decorator[]): Collection[] {
  const groups = new Map<string, Collection>();
  for (const route of served) {
    if (route.reg.method === "ALL") continue;
    const role = roleOf(route.reg.method, route.path);
    if (!role) continue;
    const base = ITEM.test(route.path) ? route.path.replace(ITEM, "") || "/" : route.path;
    const group = groups.get(base) ?? { basePath: base, scope: route.reg.scope, routes: [], idName: "id", idType: "unknown" as const, fields: [] };
    group.routes.push({ route, role });
    const param = /\/:([^/]+)$/.exec(route.path)?.[1];
    if (param) group.idName = param;
    groups.set(base, group);
  }
  const out: Collection[] = [];
  for (const c of groups.values()) {
    const roles = new Set(c.routes.map((r) => r.role));
    if (![...roles].some((r) => r !== "list" && r !== "create") && !(roles.has("list") && roles.has("create"))) continue;
    const reg = (role: EndpointRole) => c.routes.find((r) => r.role === role)?.route.reg;
    const handlers = c.routes.map((r) => handlerFn(project, r.route.reg)).filter((f): f is ts.FunctionLikeDeclaration => f !== undefined);
    const service = findService(project, handlers, decorators);
    const store = service ? undefined : findStore(project, handlerFn(project, reg("list")), handlerFn(project, reg("create")));
    const create = reg("create");
    const body = create ? readSchema(project, schemaPart(project, create, "body")) : undefined;
    const fields = body ? fieldsOf(body.schema) : readFields(handlerFn(project, create));
    out.push({ ...c, fields, idType: idTypeOf(project, c, store), ...(service ? { service } : {}), ...(store ? { store } : {}) });
  }
  return out;
}
