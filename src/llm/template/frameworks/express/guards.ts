import ts from "typescript";
import type { JsProject } from "../../jsts/project.js";
import { functionOf, originOf, packageRef, unwrap } from "../../jsts/symbols.js";
import type { Guard } from "../framework.js";
import type { RouteReg, UseReg } from "./registrations.js";
import type { ServedRoute } from "./route-table.js";

const AUTH_NAME = /auth|token|jwt|login|session|protect|guard|apikey|api_key|bearer|verify|signed|permission|role/i;

export interface ExpressGuard extends Guard {
  /** The middleware expression as route chains write it: `requireAuth`, `auth.required`. */
  expr: string;
  /** The declaration it comes from, to import it in new files. */
  declaration: ts.Node;
  /** Whether it is used as `router.use(guard)` (guards every route after it) rather than per route. */
  routerLevel: boolean;
}

function looksLikeAuth(project: JsProject, expr: ts.Expression): { scheme: Guard["scheme"]; header?: string } | undefined {
  const e = unwrap(expr);
  const ref = ts.isCallExpression(e) ? packageRef(project, e.expression) : packageRef(project, e);
  if (ref && /passport|express-jwt|jsonwebtoken|express-oauth|basic-auth/.test(ref.pkg)) return { scheme: "bearer" };
  const fn = functionOf(project, e);
  const body = fn?.body?.getText() ?? "";
  const named = AUTH_NAME.test(e.getText());
  const header = /headers\s*\[\s*['"`]([\w-]+)['"`]\s*\]|\.get\(\s*['"`]([\w-]+)['"`]\s*\)|\.header\(\s*['"`]([\w-]+)['"`]\s*\)/i.exec(body);
  const headerName = header?.[1] ?? header?.[2] ?? header?.[3];
  const readsAuth = /authorization|bearer|jwt|verify\(|token/i.test(body) || (headerName !== undefined && /key|token|auth/i.test(headerName));
  if (!named && !readsAuth) return undefined;
  if (fn && fn.parameters.length < 3 && !ts.isCallExpression(e)) return undefined;
  if (/bearer|authorization/i.test(body) && (!headerName || /authorization/i.test(headerName))) return { scheme: "bearer" };
  if (headerName) return { scheme: "header", header: headerName.toLowerCase() };
  return { scheme: "unknown" };
}

/** The authentication middleware routes pass through, per route and per router. */
export function findGuards(project: JsProject, served: ServedRoute[], uses: UseReg[]): ExpressGuard[] {
  const guards = new Map<string, ExpressGuard>();
  const note = (expr: ts.Expression, path: string | undefined, routerLevel: boolean) => {
    const kind = looksLikeAuth(project, expr);
    if (!kind) return;
    const name = unwrap(expr).getText();
    const g = guards.get(name) ?? { name, expr: name, declaration: originOf(project, ts.isCallExpression(unwrap(expr)) ? (unwrap(expr) as ts.CallExpression).expression : expr), file: project.pathOf(originOf(project, expr)), guards: [], routerLevel, ...kind };
    if (path && !g.guards.includes(path)) g.guards.push(path);
    guards.set(name, g);
  };
  for (const route of served) for (const arg of route.reg.chain.slice(0, -1)) note(arg, route.path, false);
  for (const use of uses.filter((u) => u.role === "middleware")) {
    const covered = served.filter((r) => r.reg.instance.id === use.instance.id && r.reg.call.getStart() > use.call.getStart() && r.reg.file === use.file);
    for (const r of covered) note(use.arg, r.path, true);
    if (covered.length === 0) note(use.arg, undefined, true);
  }
  return [...guards.values()];
}

/** The names of the guards one route passes through. */
export function guardsOf(route: RouteReg, path: string, guards: ExpressGuard[]): string[] {
  return guards.filter((g) => g.guards.includes(path) || route.chain.some((a) => unwrap(a).getText() === g.expr)).map((g) => g.name);
}
