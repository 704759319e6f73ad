import type { Blueprint, EndpointPlan } from "../../blueprint/blueprint.js";
import type { FileEditor } from "../../jsts/file-editor.js";
import type { ImportNeed } from "../../jsts/imports.js";
import type { Result } from "../framework.js";
import { type AutoloadTarget, autoloadTarget, pointsAt } from "./autoload-target.js";
import type { FastifyModel } from "./fastify-model.js";
import { namesIn, routeForm, schemasAsConstants } from "./file-conventions.js";
import { createPluginFile } from "./new-plugin-file.js";
import { type Anchor, receiverIn, routeAnchor, routesFileOf, scopeFor, topLevelOf } from "./placement.js";
import { defaultFrame, frameFrom, type PluginFrame } from "./plugin-file.js";
import { renderRoute, type RouteTarget } from "./render-route.js";
import { errorContext, exprContext, guardOption, type NeedSink } from "./route-context.js";
import type { ServedRoute } from "./route-table.js";
import type { Scope } from "./scopes.js";

/** The route the issue says the new one sits beside: `next to /api/hello`, `like the heartbeat`. */
function neighbour(m: FastifyModel, bp: Blueprint, ep: EndpointPlan): ServedRoute | undefined {
  const mirror = bp.understanding.hints.mirror?.replace(/^`|`$/g, "");
  if (!mirror) return undefined;
  const exact = m.served.find((r) => r.path === mirror);
  if (exact) return exact;
  const word = mirror.replace(/^\//, "").toLowerCase();
  const near = m.served.filter((r) => r.path.toLowerCase().split("/").includes(word));
  return near.find((r) => ep.path.startsWith(r.path.split("/").slice(0, -1).join("/"))) ?? near[0];
}

interface Placed {
  scope: Scope;
  file: string;
  local: string;
  anchor: Anchor | undefined;
}

/** A served scope in a file the issue names (`put it in src/routes/meta.ts`) whose prefix the path continues. */
function named(m: FastifyModel, bp: Blueprint, ep: EndpointPlan): Placed | undefined {
  for (const hint of bp.understanding.hints.paths.map((p) => p.replace(/^\.?\//, ""))) {
    const scope = m.scopes.all.find((s) => s.file === hint && m.tree.prefix.has(s.id) && m.tree.context(s).id === s.id);
    const prefix = scope ? m.tree.prefix.get(scope.id)! : undefined;
    if (!scope || prefix === undefined || !(prefix === "" || ep.path.startsWith(`${prefix}/`))) continue;
    const local = ep.path.slice(prefix.length) || "/";
    return { scope, file: hint, local, anchor: routeAnchor(m, scope, hint, local) };
  }
  return undefined;
}

function place(m: FastifyModel, bp: Blueprint, ep: EndpointPlan): Placed {
  const hinted = named(m, bp, ep);
  if (hinted) return hinted;
  const next = neighbour(m, bp, ep);
  const prefixOf = (s: Scope) => m.tree.prefix.get(s.id) ?? "";
  if (next && (prefixOf(next.reg.scope) === "" || ep.path.startsWith(`${prefixOf(next.reg.scope)}/`))) {
    const scope = next.reg.scope;
    const local = ep.path.slice(prefixOf(scope).length) || "/";
    const shadow = routeAnchor(m, scope, next.reg.file, local);
    const anchor: Anchor = shadow?.kind === "before" && shadow.node.getStart() < next.reg.statement.getStart() ? shadow : { kind: "after", node: next.reg.statement };
    return { scope, file: next.reg.file, local, anchor };
  }
  const { scope, local } = scopeFor(m, ep.path);
  const file = routesFileOf(m, scope);
  return { scope, file, local, anchor: routeAnchor(m, scope, file, local) };
}

interface NewFile {
  auto: AutoloadTarget;
  frame: PluginFrame;
  target: RouteTarget;
  decls: string[];
  routes: string[];
  needs: ImportNeed[];
}

/** Endpoints that answer a computed or fixed value: in a new autoloaded folder the issue points at, beside their neighbour, or where their path hangs. */
export async function customEndpoints(m: FastifyModel, bp: Blueprint, editor: FileEditor): Promise<Result<string[]>> {
  const notes: string[] = [];
  const created = new Map<string, NewFile>();
  const declsIn = new Map<string, { top: ReturnType<typeof topLevelOf>; decls: string[] }>();
  const targets = new Map<string, RouteTarget>();
  const pointed = m.plugins.autoloads.some((a) => pointsAt(m, bp, a.dir));
  for (const ep of bp.endpoints) {
    const auto = pointed ? autoloadTarget(m, bp, ep.path, false) : undefined;
    if (auto) {
      const frame = (auto.mirror ? frameFrom(auto.mirror.fn, auto.mirror.names, auto.names) : undefined) ?? defaultFrame(m, auto.names);
      const entry: NewFile = created.get(auto.file) ?? { auto, frame, target: { receiver: frame.receiver, local: "/", form: "shorthand", decls: true, taken: new Set([frame.receiver, ...(frame.binding ? [frame.binding] : [])]), declared: new Map(), idInSchema: true, guard: undefined }, decls: [], routes: [], needs: [] };
      created.set(auto.file, entry);
      const sink: NeedSink = (n) => entry.needs.push(...n);
      const guard = guardOption(m, bp, auto.parent, frame.receiver, auto.file, sink);
      if (!guard) return { ok: false, decline: { reason: `The guard \`${bp.auth.required ? bp.auth.guard : ""}\` is a hook the new plugin in \`${auto.file}\` cannot reach, so it could not be protected the same way.` } };
      const local = ep.path.slice(auto.prefix.length) || "/";
      const code = renderRoute({ m, bp, ep, target: { ...entry.target, local, guard: guard.option }, data: undefined, errors: errorContext(m, auto.parent, frame.receiver), exprs: exprContext(m, auto.file, sink, () => "0") });
      entry.decls.push(...code.decls);
      entry.routes.push(code.statement);
      entry.needs.push(...code.imports);
      notes.push(`Wrote \`${ep.method} ${ep.path}\` in \`${auto.file}\`${auto.mirror ? ` like \`${auto.mirror.file}\`` : ""}; @fastify/autoload loads it from \`${auto.dir.dir}/\` and its folder gives it the \`${auto.prefix}\` prefix, so the route itself is \`${local}\`.`);
      continue;
    }
    const where = place(m, bp, ep);
    if (!where.anchor) return { ok: false, decline: { reason: `I could not find where routes are registered in \`${where.file}\`.` } };
    const receiver = receiverIn(m, where.scope, where.file);
    const target = targets.get(where.file) ?? { receiver, local: "/", form: routeForm(m, where.file), decls: schemasAsConstants(m, where.file), taken: namesIn(m, where.file), declared: new Map(), idInSchema: true, guard: undefined };
    targets.set(where.file, target);
    const sink: NeedSink = (n) => editor.needImports(where.file, n);
    const guard = guardOption(m, bp, where.scope, receiver, where.file, sink);
    if (!guard) return { ok: false, decline: { reason: `The guard \`${bp.auth.required ? bp.auth.guard : ""}\` is a hook the plugin in \`${where.file}\` cannot reach, so the new route could not be protected the same way.` } };
    const code = renderRoute({ m, bp, ep, target: { ...target, receiver, local: where.local, guard: guard.option }, data: undefined, errors: errorContext(m, where.scope, receiver), exprs: exprContext(m, where.file, sink, () => "0") });
    editor.needImports(where.file, code.imports);
    if (code.decls.length > 0) {
      const top = topLevelOf(where.scope.fn && where.scope.file === where.file ? where.scope.fn : where.anchor.node);
      const entry = declsIn.get(where.file) ?? { top, decls: [] };
      entry.decls.push(...code.decls);
      declsIn.set(where.file, entry);
    }
    if (where.anchor.kind === "before") await editor.insertBefore(where.file, where.anchor.node, code.statement);
    else await editor.insertAfter(where.file, where.anchor.node, code.statement);
    const prefix = ep.path.slice(0, ep.path.length - (where.local === "/" ? 0 : where.local.length));
    notes.push(`Added \`${ep.method} ${ep.path}\` to \`${where.file}\`${where.local !== ep.path ? `, as \`${where.local}\` in the plugin registered under \`${prefix}\`` : ""}.`);
  }
  for (const [file, { top, decls }] of declsIn) await editor.insertBefore(file, top, decls.join("\n"));
  for (const [path, f] of created) createPluginFile(m, editor, { path, frame: f.frame, before: f.decls.length > 0 ? [f.decls.join("\n")] : [], routes: f.routes, needs: f.needs });
  return { ok: true, value: notes };
}
