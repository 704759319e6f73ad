import ts from "typescript";
import type { FastifyModel } from "./fastify-model.js";
import type { Scope } from "./scopes.js";

export type Anchor = { kind: "before" | "after"; node: ts.Node };

/** Whether an existing route's pattern would answer a request meant for a new static path. */
export function shadows(existing: string, added: string): boolean {
  const a = existing.split("/").filter(Boolean);
  const b = added.split("/").filter(Boolean);
  if (a.length !== b.length) return false;
  let param = false;
  for (let i = 0; i < a.length; i += 1) {
    if (a[i]!.startsWith(":")) {
      if (!b[i]!.startsWith(":")) param = true;
    } else if (a[i] !== b[i]) return false;
  }
  return param;
}

/** The statement directly in the file that holds a node: where module-level constants go before. */
export function topLevelOf(node: ts.Node): ts.Statement {
  let n = node;
  while (n.parent && !ts.isSourceFile(n.parent)) n = n.parent;
  return n as ts.Statement;
}

/** Keeps an anchor ahead of the scope's `ready()` and `listen()`: nothing registers after them. */
function beforeLifecycle(m: FastifyModel, scope: Scope, file: string, anchor: Anchor): Anchor {
  const stop = m.calls.lifecycle.filter((l) => l.scope.id === scope.id && l.file === file).sort((a, b) => a.statement.getStart() - b.statement.getStart())[0];
  if (stop && anchor.node.getStart() >= stop.statement.getStart()) return { kind: "before", node: stop.statement };
  return anchor;
}

function lastStatementOf(scope: Scope): ts.Node | undefined {
  if (scope.fn?.body && ts.isBlock(scope.fn.body)) return scope.fn.body.statements[scope.fn.body.statements.length - 1];
  if (scope.creation) return topLevelOf(scope.creation);
  return undefined;
}

/**
 * Where a new route of `scope` goes in `file`: before a route that would answer its path
 * (`/:id` before a new `/count`), else after the scope's last route, else after its last
 * registration, and always before `ready()`.
 */
export function routeAnchor(m: FastifyModel, scope: Scope, file: string, local: string): Anchor | undefined {
  const routes = m.routes.filter((r) => r.scope.id === scope.id && r.file === file).sort((a, b) => a.call.getStart() - b.call.getStart());
  const shadowing = routes.find((r) => shadows(r.local, local));
  if (shadowing) return { kind: "before", node: shadowing.statement };
  const last = routes[routes.length - 1]?.statement ?? registrationsIn(m, scope, file).pop()?.statement ?? lastStatementOf(scope);
  return last ? beforeLifecycle(m, scope, file, { kind: "after", node: last }) : undefined;
}

function registrationsIn(m: FastifyModel, scope: Scope, file: string): { statement: ts.Statement }[] {
  const own = m.plugins.plugins.filter((p) => p.parent.id === scope.id && p.file === file && !p.autoload);
  const pkgs = m.plugins.packages.filter((p) => p.scope.id === scope.id && p.file === file);
  return [...own, ...pkgs].sort((a, b) => a.statement.getStart() - b.statement.getStart());
}

/** Where a new plugin registration of `scope` goes in `file`: after its registrations (or routes), before `ready()`. */
export function registrationAnchor(m: FastifyModel, scope: Scope, file: string): Anchor | undefined {
  const last = registrationsIn(m, scope, file).pop()?.statement ?? m.routes.filter((r) => r.scope.id === scope.id && r.file === file).pop()?.statement ?? lastStatementOf(scope);
  return last ? beforeLifecycle(m, scope, file, { kind: "after", node: last }) : undefined;
}

/** The name routes of a scope are registered on in a file, as written there. */
export function receiverIn(m: FastifyModel, scope: Scope, file: string): string {
  const route = m.routes.find((r) => r.scope.id === scope.id && r.file === file);
  if (route && ts.isPropertyAccessExpression(route.call.expression)) return route.call.expression.expression.getText();
  const reg = m.plugins.plugins.find((p) => p.parent.id === scope.id && p.file === file && !p.autoload);
  if (reg && ts.isPropertyAccessExpression(reg.call.expression)) return reg.call.expression.expression.getText();
  return scope.name;
}

/** The file most of a scope's routes are in, else the file that makes it. */
export function routesFileOf(m: FastifyModel, scope: Scope): string {
  const counts = new Map<string, number>();
  for (const r of m.routes.filter((x) => x.scope.id === scope.id)) counts.set(r.file, (counts.get(r.file) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? scope.file;
}

/**
 * The served scope a path hangs from: the longest prefix that starts the path; among scopes with
 * the same prefix, one that already serves the path's first segment, then one with routes.
 */
export function scopeFor(m: FastifyModel, path: string): { scope: Scope; local: string } {
  const first = path.split("/").filter(Boolean)[0];
  let best: { scope: Scope; score: number; prefix: string } = { scope: m.main, score: -1, prefix: "" };
  for (const scope of m.scopes.all) {
    const prefix = m.tree.prefix.get(scope.id);
    if (prefix === undefined || !(prefix === "" || path === prefix || path.startsWith(`${prefix}/`))) continue;
    const context = m.tree.context(scope);
    if (context.id !== scope.id && m.tree.prefix.get(context.id) === prefix && m.routes.every((r) => r.scope.id !== scope.id)) continue;
    const served = m.served.filter((r) => r.reg.scope.id === scope.id);
    const sharesSegment = served.some((r) => r.path.split("/").filter(Boolean)[0] === first);
    const score = prefix.length * 1000 + (sharesSegment ? 100 : 0) + (served.length > 0 ? 10 : 0) + (scope.id === m.main.id ? 1 : 0);
    if (score > best.score) best = { scope, score, prefix };
  }
  return { scope: best.scope, local: path.slice(best.prefix.length) || "/" };
}
