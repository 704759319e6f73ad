import ts from "typescript";
import type { EndpointRole, FieldSpec } from "../../../../understand/spec.js";
import type { JsProject } from "../../jsts/project.js";
import { functionOf, originOf, unwrap, walk } from "../../jsts/symbols.js";
import type { Instance } from "./instances.js";
import type { ServedRoute } from "./route-table.js";

/** The object a collection's handlers call for their data: `UrlShortenerService`, `todoStore`. */
export interface Service {
  /** As the handlers write it. */
  expr: string;
  /** The file that declares it, to import it from. */
  file: string;
  /** Method names by the role they play: `read` for get, `remove` for delete. */
  methods: Partial<Record<EndpointRole, string>>;
  /** Methods that throw the repository's not-found error themselves. */
  throwsNotFound: Set<string>;
  async: boolean;
}

/** An array or Map the handlers keep items in, and how they make ids. */
export interface InlineStore {
  /** The variable, as the handlers write it: `todos`. */
  name: string;
  file: string;
  kind: "array" | "map";
  /** The id of a new item, as the create handler writes it: `nextId++`, `nextTodoId()`. */
  nextId: string | undefined;
}

export interface Collection {
  basePath: string;
  instance: Instance;
  routes: { route: ServedRoute; role: EndpointRole }[];
  idName: string;
  idType: "integer" | "string" | "unknown";
  fields: FieldSpec[];
  service?: Service;
  store?: InlineStore;
}

const ROLE_NAMES: [EndpointRole, RegExp][] = [
  ["count", /^count$/i],
  ["list", /^(list|findAll|getAll|all|index|list\w*)$/i],
  ["get", /^(get|read|find|findById|findOne|getById|show|retrieve)$/i],
  ["create", /^(create|add|insert|save|store)$/i],
  ["replace", /^(replace|put|set)$/i],
  ["update", /^(update|patch|edit|modify)$/i],
  ["delete", /^(delete|remove|destroy|del)$/i],
];

function roleOf(method: string, local: string): EndpointRole | undefined {
  const item = /\/:[^/]+$/.test(local);
  if (!item) return method === "GET" ? "list" : method === "POST" ? "create" : undefined;
  return ({ GET: "get", PUT: "replace", PATCH: "update", DELETE: "delete" } as Record<string, EndpointRole>)[method];
}

function methodsOf(project: JsProject, holder: ts.Node): { names: string[]; bodies: Map<string, ts.Node>; async: boolean } {
  const names: string[] = [];
  const bodies = new Map<string, ts.Node>();
  let anyAsync = false;
  const add = (name: string, node: ts.Node) => {
    names.push(name);
    bodies.set(name, node);
    if (ts.isFunctionLike(node) && ts.getModifiers(node as ts.MethodDeclaration)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) anyAsync = true;
  };
  let target = holder;
  if (ts.isNewExpression(holder)) target = originOf(project, holder.expression);
  if (ts.isClassDeclaration(target) || ts.isClassExpression(target)) {
    for (const m of target.members) if (ts.isMethodDeclaration(m) && ts.isIdentifier(m.name)) add(m.name.text, m);
  } else if (ts.isObjectLiteralExpression(target)) {
    for (const p of target.properties) if (p.name && ts.isIdentifier(p.name)) add(p.name.text, ts.isPropertyAssignment(p) ? p.initializer : p);
  }
  return { names, bodies, async: anyAsync };
}

/** The object most handlers of a collection call methods on. */
function findService(project: JsProject, handlers: ts.FunctionLikeDeclaration[]): Service | undefined {
  const counts = new Map<ts.Node, { expr: string; n: number }>();
  for (const fn of handlers) {
    walk(fn, (n) => {
      if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return;
      const target = unwrap(n.expression.expression);
      if (!ts.isIdentifier(target) && !ts.isPropertyAccessExpression(target)) return;
      const origin = originOf(project, target);
      if (ts.isParameter(origin) || origin === target) return;
      if (!ts.isNewExpression(origin) && !ts.isObjectLiteralExpression(origin) && !ts.isClassDeclaration(origin)) return;
      const entry = counts.get(origin) ?? { expr: target.getText(), n: 0 };
      entry.n += 1;
      counts.set(origin, entry);
    });
  }
  const best = [...counts.entries()].sort((a, b) => b[1].n - a[1].n)[0];
  if (!best) return undefined;
  const [holder, { expr }] = best;
  const { names, bodies, async } = methodsOf(project, holder);
  const methods: Service["methods"] = {};
  for (const [role, pattern] of ROLE_NAMES) {
    const name = names.find((n) => pattern.test(n));
    if (name && !methods[role]) methods[role] = name;
  }
  const throwsNotFound = new Set(names.filter((n) => /throw\s+new\s+\w*NotFound/i.test(bodies.get(n)?.getText() ?? "")));
  return { expr, file: project.pathOf(holder), methods, throwsNotFound, async };
}

/** The array or Map the list handler answers with, and the create handler's id expression. */
function findStore(project: JsProject, list: ts.FunctionLikeDeclaration | undefined, create: ts.FunctionLikeDeclaration | undefined): InlineStore | undefined {
  if (!list) return undefined;
  let store: InlineStore | undefined;
  walk(list, (n) => {
    if (store || !ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || !/^(json|send)$/.test(n.expression.name.text)) return;
    const arg = n.arguments[0] && unwrap(n.arguments[0]);
    if (!arg) return;
    const mapValues = ts.isArrayLiteralExpression(arg) && arg.elements.length === 1 && ts.isSpreadElement(arg.elements[0]!) ? unwrap(arg.elements[0].expression) : undefined;
    const holder = mapValues && ts.isCallExpression(mapValues) && ts.isPropertyAccessExpression(mapValues.expression) ? mapValues.expression.expression : arg;
    if (!ts.isIdentifier(holder)) return;
    const origin = originOf(project, holder);
    const init = ts.isArrayLiteralExpression(origin) ? "array" : ts.isNewExpression(origin) && /Map$/.test(origin.expression.getText()) ? "map" : undefined;
    if (!init) return;
    store = { name: holder.text, file: project.pathOf(origin), kind: init, nextId: undefined };
  });
  if (store && create) {
    walk(create, (n) => {
      if (ts.isPropertyAssignment(n) && n.name.getText() === "id" && !store!.nextId) store!.nextId = n.initializer.getText();
    });
  }
  return store;
}

/** Body fields a create handler reads: `const { title } = req.body`, `req.body.title`. */
function bodyFields(fn: ts.FunctionLikeDeclaration | undefined): FieldSpec[] {
  if (!fn) return [];
  const names: string[] = [];
  walk(fn, (n) => {
    if (ts.isVariableDeclaration(n) && ts.isObjectBindingPattern(n.name) && n.initializer && /\.body\b/.test(n.initializer.getText())) {
      for (const e of n.name.elements) names.push((e.propertyName ?? e.name).getText());
    }
    if (ts.isPropertyAccessExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === "body" && !names.includes(n.name.text)) names.push(n.name.text);
  });
  return [...new Set(names)].map((name) => ({ name, type: "string", required: true, nullable: false, constraints: {}, readOnly: false }));
}

/**
 * The function that does a route's work: its handler, or the method a thin handler only calls
 * (`(req, res) => controller.get(req, res)` → `ProductsController.get`).
 */
export function workerOf(project: JsProject, fn: ts.FunctionLikeDeclaration): ts.FunctionLikeDeclaration {
  if (!fn.body || ts.isMethodDeclaration(fn)) return fn;
  const body = ts.isBlock(fn.body) ? fn.body.statements : undefined;
  const only = body ? (body.length === 1 ? body[0] : undefined) : fn.body;
  const expr = only && (ts.isExpressionStatement(only) || ts.isReturnStatement(only)) ? only.expression : only && !body ? (only as ts.Expression) : undefined;
  const call = expr && unwrap(expr);
  if (!call || !ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return fn;
  const method = functionOf(project, call.expression);
  return method && ts.isMethodDeclaration(method) ? method : fn;
}

/** The collections the repository serves: routes grouped by base path, with what they read and call. */
export function findCollections(project: JsProject, served: ServedRoute[]): Collection[] {
  const groups = new Map<string, Collection>();
  for (const route of served) {
    if (route.reg.method === "ALL") continue;
    const role = roleOf(route.reg.method, route.path);
    if (!role) continue;
    const base = /\/:[^/]+$/.test(route.path) ? route.path.replace(/\/:[^/]+$/, "") || "/" : route.path;
    const group = groups.get(base) ?? { basePath: base, instance: route.reg.instance, routes: [], idName: "id", idType: "unknown" as const, fields: [] };
    group.routes.push({ route, role });
    const param = /\/:([^/]+)$/.exec(route.path)?.[1];
    if (param) group.idName = param;
    groups.set(base, group);
  }
  const out: Collection[] = [];
  for (const c of groups.values()) {
    if (!c.routes.some((r) => r.role !== "list" && r.role !== "create") && !(c.routes.some((r) => r.role === "list") && c.routes.some((r) => r.role === "create"))) continue;
    const handler = (role: EndpointRole) => {
      const r = c.routes.find((x) => x.role === role)?.route.reg;
      const last = r?.chain[r.chain.length - 1];
      return last ? functionOf(project, last) : undefined;
    };
    const handlers = c.routes.map((r) => handler(r.role)).filter((f): f is ts.FunctionLikeDeclaration => f !== undefined).map((f) => workerOf(project, f));
    const service = findService(project, handlers);
    const store = service ? undefined : findStore(project, handler("list"), handler("create"));
    const fields = bodyFields(handler("create"));
    const idType = store?.nextId && /\+\+|\+\s*1|\(\)/.test(store.nextId) && !/String|uuid|nanoid|random/i.test(store.nextId) ? "integer" : c.idType;
    out.push({ ...c, fields, idType, ...(service ? { service } : {}), ...(store ? { store } : {}) });
  }
  return out;
}
