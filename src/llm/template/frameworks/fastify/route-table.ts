import type { PluginReg } from "./plugin-registrations.js";
import type { RouteReg } from "./route-registrations.js";
import type { Scope } from "./scopes.js";

/** Joins a prefix and a url the way Fastify serves them (`/dice` + `/` answers at `/dice`). */
export function joinPath(prefix: string, local: string): string {
  const joined = `${prefix.replace(/\/+$/, "")}/${local.replace(/^\/+/, "")}`.replace(/\/+$/, "");
  return joined === "" ? "/" : joined.startsWith("/") ? joined : `/${joined}`;
}

/** How the scopes hang together: who registered whom, and under which prefix. */
export interface ScopeTree {
  /** Full prefix of each served scope, by id; scopes nothing registers are absent. */
  prefix: Map<number, string>;
  /** The registration that made a scope, by the child's id (the first, when several do). */
  parentReg: Map<number, PluginReg>;
  /** The scope whose context a scope works in: itself, or for fastify-plugin its parent's. */
  context(scope: Scope): Scope;
  /** The scope and every scope above it, nearest first. */
  lineage(scope: Scope): Scope[];
}

/** Prefixes from the roots (apps, fastify-cli's plugin) down through every registration. */
export function scopeTree(roots: Scope[], plugins: PluginReg[]): ScopeTree {
  const prefix = new Map<number, string>();
  const parentReg = new Map<number, PluginReg>();
  for (const root of roots) prefix.set(root.id, "");
  // Registration chains are short; a few passes settle nested plugins in any order.
  for (let pass = 0; pass < 10; pass += 1) {
    let changed = false;
    for (const reg of plugins) {
      const parent = prefix.get(reg.parent.id);
      if (parent === undefined || prefix.has(reg.child.id)) continue;
      const full = reg.shared ? parent : joinPath(parent, reg.prefix);
      prefix.set(reg.child.id, full === "/" ? "" : full);
      parentReg.set(reg.child.id, reg);
      changed = true;
    }
    if (!changed) break;
  }
  const lineage = (scope: Scope): Scope[] => {
    const out: Scope[] = [scope];
    for (let reg = parentReg.get(scope.id); reg && out.length < 32; reg = parentReg.get(reg.parent.id)) out.push(reg.parent);
    return out;
  };
  const context = (scope: Scope): Scope => {
    let s = scope;
    for (let reg = parentReg.get(s.id); reg?.shared; reg = parentReg.get(s.id)) s = reg.parent;
    return s;
  };
  return { prefix, parentReg, context, lineage };
}

export interface ServedRoute {
  reg: RouteReg;
  /** Full path: `/api/v1/chores/:id`. */
  path: string;
}

export function servedRoutes(routes: RouteReg[], tree: ScopeTree): ServedRoute[] {
  const out: ServedRoute[] = [];
  for (const reg of routes) {
    const p = tree.prefix.get(reg.scope.id);
    if (p !== undefined) out.push({ reg, path: joinPath(p, reg.local) });
  }
  return out;
}

/**
 * Whether something set up in scope `at` (a decorator, a hook, sensible) reaches handlers of
 * `scope`: it does in `at`'s context and in every scope registered below it.
 */
export function reaches(tree: ScopeTree, at: Scope, scope: Scope): boolean {
  const context = tree.context(at);
  return tree.lineage(scope).some((s) => s.id === context.id);
}
