import ts from "typescript";
import type { HttpMethod } from "../../../../understand/spec.js";
import { isTestPath } from "../../../../repo/source-files.js";
import type { JsProject } from "../../jsts/project.js";
import { constantString, functionOf, originOf, packageRef, statementOf, unwrap, walk } from "../../jsts/symbols.js";
import type { Instance, Instances } from "./instances.js";

const METHODS: Record<string, HttpMethod | "ALL"> = { get: "GET", post: "POST", put: "PUT", patch: "PATCH", delete: "DELETE", all: "ALL" };

/** A route registered on an app or router: `router.get("/:id", validate, handler)`. */
export interface RouteReg {
  instance: Instance;
  method: HttpMethod | "ALL";
  /** The path as the instance sees it. */
  local: string;
  file: string;
  call: ts.CallExpression;
  statement: ts.Statement;
  /** Middleware and handler, in order. */
  chain: ts.Expression[];
}

/** `app.use("/todos", todosRouter)`. */
export interface MountReg {
  parent: Instance;
  child: Instance;
  local: string;
  file: string;
  call: ts.CallExpression;
  statement: ts.Statement;
  /** The expressions giving the prefix and the router, as written. */
  prefixArg: ts.Expression | undefined;
  routerArg: ts.Expression;
}

export type UseRole = "error-handler" | "not-found" | "json-body" | "middleware";

/** Any other `use`: body parsers, error handlers, the 404 catch-all, guards. */
export interface UseReg {
  instance: Instance;
  role: UseRole;
  local: string | undefined;
  file: string;
  call: ts.CallExpression;
  statement: ts.Statement;
  arg: ts.Expression;
}

export interface Registrations {
  routes: RouteReg[];
  mounts: MountReg[];
  uses: UseReg[];
}

function isJsonParser(project: JsProject, arg: ts.Expression): boolean {
  const e = unwrap(arg);
  if (!ts.isCallExpression(e)) return false;
  const ref = packageRef(project, e.expression);
  return !!ref && ((ref.pkg === "express" && ref.path.join(".") === "json") || (ref.pkg === "body-parser" && ref.path.join(".") === "json"));
}

/** What a middleware function does, read from its parameters and body. */
function roleOf(project: JsProject, arg: ts.Expression): UseRole {
  if (isJsonParser(project, arg)) return "json-body";
  const fn = functionOf(project, arg);
  if (!fn) return "middleware";
  if (fn.parameters.length === 4) return "error-handler";
  // `(req, res) => res.status(404)…`: answers without calling next.
  const text = fn.body?.getText() ?? "";
  if (fn.parameters.length <= 3 && /\bstatus\(\s*(404|StatusCodes\.NOT_FOUND|status\.NOT_FOUND|httpStatus\.NOT_FOUND)\s*\)/.test(text) && !/\bnext\(\s*\)/.test(text)) {
    return "not-found";
  }
  return "middleware";
}

/** Every route, mount and middleware registered on the instances found. */
export function findRegistrations(project: JsProject, instances: Instances): Registrations {
  const routes: RouteReg[] = [];
  const mounts: MountReg[] = [];
  const uses: UseReg[] = [];
  for (const path of project.sources) {
    if (isTestPath(path)) continue;
    const file = project.sourceFile(path);
    if (!file) continue;
    walk(file, (node) => {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      const member = node.expression.name.text;
      if (member === "use") return use(node, node.expression.expression);
      const method = METHODS[member];
      if (!method) return;
      const receiver = node.expression.expression;
      // `router.route("/x").get(h).post(h)`: the path is on the route() call at the chain's root.
      const routeCall = routeChainRoot(receiver);
      const owner = routeCall ? (routeCall.expression as ts.PropertyAccessExpression).expression : receiver;
      for (const instance of instances.of(owner)) {
        const local = routeCall ? constantString(project, routeCall.arguments[0]!) : node.arguments[0] && constantString(project, node.arguments[0]);
        if (local === undefined) continue;
        const chain = routeCall ? [...node.arguments] : node.arguments.slice(1);
        routes.push({ instance, method, local, file: path, call: node, statement: statementOf(node), chain });
      }
    });
  }

  function use(call: ts.CallExpression, receiver: ts.Expression): void {
    const owners = instances.of(receiver);
    if (owners.length === 0) return;
    const [first, ...rest] = call.arguments;
    if (!first) return;
    const prefix = constantString(project, first);
    const args = prefix === undefined ? [first, ...rest] : rest;
    const path = project.pathOf(call);
    for (const parent of owners) {
      for (const arg of args) {
        const children = instances.of(arg).filter((c) => c.kind === "router");
        const statement = statementOf(call);
        if (children.length > 0) {
          for (const child of children) mounts.push({ parent, child, local: prefix ?? "", file: path, call, statement, prefixArg: prefix === undefined ? undefined : first, routerArg: arg });
        } else {
          uses.push({ instance: parent, role: roleOf(project, arg), local: prefix, file: path, call, statement, arg });
        }
      }
    }
  }

  return { routes, mounts, uses };
}

function routeChainRoot(receiver: ts.Expression): ts.CallExpression | undefined {
  let e = unwrap(receiver);
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    if (e.expression.name.text === "route") return e;
    e = unwrap(e.expression.expression);
  }
  return undefined;
}

/** The function a route's handler is (the last function of its chain), when it can be found. */
export function handlerOf(project: JsProject, route: RouteReg): ts.FunctionLikeDeclaration | undefined {
  const last = route.chain[route.chain.length - 1];
  return last ? functionOf(project, last) : undefined;
}

export { originOf };
