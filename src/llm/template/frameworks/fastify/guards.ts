import ts from "typescript";
import type { JsProject } from "../../jsts/project.js";
import { functionOf, packageRef, unwrap } from "../../jsts/symbols.js";
import type { Guard } from "../framework.js";
import type { Decorator, HookReg } from "./instance-calls.js";
import { routeOption } from "./route-registrations.js";
import { reaches, type ScopeTree, type ServedRoute } from "./route-table.js";
import type { Scope } from "./scopes.js";

const AUTH_NAME = /auth|token|jwt|login|session|protect|guard|apikey|api_key|bearer|verify|signed|permission|role/i;
const HOOKS = ["onRequest", "preParsing", "preValidation", "preHandler"];

export interface FastifyGuard extends Guard {
  /** As routes write it: `fastify.authenticate`, `verifyToken`. */
  expr: string;
  /** The hook it runs in. */
  hook: string;
  /** `route`: routes name it in their options; `plugin`: `addHook` guards every route of a scope. */
  level: "route" | "plugin";
  /** Routes pass hooks as an array (`onRequest: [fastify.authenticate]`). */
  array: boolean;
  /** For plugin-level guards: the scope whose routes it guards. */
  scope?: Scope;
  /** For route-level guards: a route that uses it, whose file shows how to reach it. */
  example?: ServedRoute;
}

/** A hook function that checks credentials, by its name or by what it reads. */
function authKind(project: JsProject, expr: ts.Expression, decorators: Decorator[]): { scheme: Guard["scheme"]; header?: string } | undefined {
  const e = unwrap(expr);
  const ref = packageRef(project, e);
  if (ref && /jwt|auth|bearer|basic/.test(ref.pkg)) return { scheme: "bearer" };
  const decorated = ts.isPropertyAccessExpression(e) ? decorators.find((d) => d.name === e.name.text)?.value : undefined;
  const fn = functionOf(project, decorated ?? e);
  const body = fn?.body?.getText() ?? "";
  const header = /headers\s*\[\s*['"`]([\w-]+)['"`]\s*\]|headers\.([\w]+)/i.exec(body);
  const headerName = header?.[1] ?? header?.[2];
  const readsAuth = /authorization|bearer|jwtVerify|jwt\.verify|token/i.test(body) || (headerName !== undefined && /key|token|auth/i.test(headerName));
  if (!AUTH_NAME.test(e.getText()) && !readsAuth) return undefined;
  if (/bearer|authorization|jwtVerify/i.test(body) && (!headerName || /authorization/i.test(headerName))) return { scheme: "bearer" };
  if (headerName) return { scheme: "header", header: headerName.toLowerCase() };
  return { scheme: "unknown" };
}

function hookValues(expr: ts.Expression): { values: ts.Expression[]; array: boolean } {
  const e = unwrap(expr);
  return ts.isArrayLiteralExpression(e) ? { values: [...e.elements], array: true } : { values: [e], array: false };
}

/** The authentication hooks routes pass through: in their options, or added to a whole plugin. */
export function findGuards(project: JsProject, served: ServedRoute[], hooks: HookReg[], decorators: Decorator[], tree: ScopeTree): FastifyGuard[] {
  const guards = new Map<string, FastifyGuard>();
  for (const route of served) {
    for (const hook of HOOKS) {
      const option = routeOption(project, route.reg, hook);
      if (!option) continue;
      const { values, array } = hookValues(option);
      for (const value of values) {
        const kind = authKind(project, value, decorators);
        if (!kind) continue;
        const name = value.getText();
        const g = guards.get(name) ?? { name, expr: name, file: route.reg.file, guards: [], hook, level: "route" as const, array, example: route, ...kind };
        if (!g.guards.includes(route.path)) g.guards.push(route.path);
        guards.set(name, g);
      }
    }
  }
  for (const h of hooks.filter((x) => HOOKS.includes(x.hook))) {
    const kind = authKind(project, h.fn, decorators);
    if (!kind) continue;
    const name = ts.isIdentifier(unwrap(h.fn)) || ts.isPropertyAccessExpression(unwrap(h.fn)) ? unwrap(h.fn).getText() : `${h.hook} hook in ${h.file}`;
    const covered = served.filter((r) => reaches(tree, h.scope, r.reg.scope)).map((r) => r.path);
    const g = guards.get(name) ?? { name, expr: name, file: h.file, guards: [], hook: h.hook, level: "plugin" as const, array: false, scope: h.scope, ...kind };
    for (const p of covered) if (!g.guards.includes(p)) g.guards.push(p);
    guards.set(name, g);
  }
  return [...guards.values()];
}

/** The names of the guards one route passes through. */
export function guardsOf(path: string, guards: FastifyGuard[]): string[] {
  return guards.filter((g) => g.guards.includes(path)).map((g) => g.name);
}
