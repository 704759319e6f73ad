import ts from "typescript";
import type { HttpMethod } from "../../../../understand/spec.js";
import type { JsProject } from "../../jsts/project.js";
import { constantString, constantValue, originOf, propertyOf, statementOf, unwrap, walk } from "../../jsts/symbols.js";
import { appFiles, type Scope, type Scopes } from "./scopes.js";

const SHORTHANDS: Record<string, HttpMethod | "ALL"> = { get: "GET", post: "POST", put: "PUT", patch: "PATCH", delete: "DELETE", all: "ALL" };

/** `fastify.get(url, [options], handler)` or `fastify.route({ method, url, handler })`. */
export interface RouteReg {
  scope: Scope;
  method: HttpMethod | "ALL";
  /** The url as the plugin writes it, before prefixes. */
  local: string;
  file: string;
  call: ts.CallExpression;
  statement: ts.Statement;
  /** The route options: `{ schema, onRequest }`, or the whole `route({...})` object. */
  options: ts.ObjectLiteralExpression | undefined;
  /** The handler: a function, a name, or a method of the options object. */
  handler: ts.Node | undefined;
  form: "shorthand" | "route";
}

function objectOf(project: JsProject, expr: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
  if (!expr) return undefined;
  const e = unwrap(expr);
  const o = ts.isObjectLiteralExpression(e) ? e : originOf(project, e);
  return ts.isObjectLiteralExpression(o) ? o : undefined;
}

function methodsOf(project: JsProject, node: ts.Node | undefined): (HttpMethod | "ALL")[] {
  const v = node ? constantValue(project, node) : undefined;
  const list = Array.isArray(v) ? v : [v];
  return list.filter((m): m is string => typeof m === "string").map((m) => m.toUpperCase()).filter((m): m is HttpMethod => /^(GET|POST|PUT|PATCH|DELETE)$/.test(m));
}

/** Every route the sources register on a Fastify scope. */
export function findRoutes(project: JsProject, scopes: Scopes): RouteReg[] {
  const routes: RouteReg[] = [];
  for (const file of appFiles(project)) {
    walk(file, (node) => {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      const member = node.expression.name.text;
      if (member !== "route" && !SHORTHANDS[member]) return;
      const owners = scopes.of(node.expression.expression);
      if (owners.length === 0) return;
      const path = project.pathOf(node);
      const statement = statementOf(node);
      const add = (method: HttpMethod | "ALL", local: string, options: ts.ObjectLiteralExpression | undefined, handler: ts.Node | undefined, form: RouteReg["form"]) => {
        for (const scope of owners) routes.push({ scope, method, local, file: path, call: node, statement, options, handler, form });
      };
      if (member === "route") {
        const options = objectOf(project, node.arguments[0]);
        const url = options && (propertyOf(options, "url") ?? propertyOf(options, "path"));
        const local = url ? constantString(project, url) : undefined;
        if (!options || local === undefined) return;
        for (const method of methodsOf(project, propertyOf(options, "method"))) add(method, local, options, propertyOf(options, "handler"), "route");
        return;
      }
      const [first, ...rest] = node.arguments;
      const local = first ? constantString(project, first) : undefined;
      if (local === undefined) return;
      const last = rest[rest.length - 1];
      const lastObject = rest.length === 1 ? objectOf(project, last) : undefined;
      // `fastify.get('/x', { schema, handler })`: the options carry the handler.
      const options = rest.length >= 2 ? objectOf(project, rest[0]) : lastObject;
      const handler = lastObject ? propertyOf(lastObject, "handler") : last;
      add(SHORTHANDS[member]!, local, options, handler, "shorthand");
    });
  }
  return routes;
}

/** An option of a route, followed to its value: `schema`, `onRequest`. */
export function routeOption(project: JsProject, route: RouteReg, name: string): ts.Expression | undefined {
  const node = route.options ? propertyOf(route.options, name) : undefined;
  if (!node || !ts.isExpression(node)) return undefined;
  return node;
}

/** A part of a route's schema (`body`, `params`, `querystring`, `response`), as an expression. */
export function schemaPart(project: JsProject, route: RouteReg, part: string): ts.Expression | undefined {
  const schema = routeOption(project, route, "schema");
  const object = schema ? objectOf(project, schema) : undefined;
  const node = object ? (propertyOf(object, part) ?? (part === "querystring" ? propertyOf(object, "query") : undefined)) : undefined;
  return node && ts.isExpression(node) ? node : undefined;
}
