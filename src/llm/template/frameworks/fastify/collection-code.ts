import type { Blueprint, FieldSpec } from "../../blueprint/blueprint.js";
import type { ImportNeed } from "../../jsts/imports.js";
import type { Result } from "../framework.js";
import { mapStore } from "../express/data-access.js";
import type { FastifyModel } from "./fastify-model.js";
import { renderRoute, type RouteTarget } from "./render-route.js";
import { errorContext, exprContext, guardOption, type NeedSink } from "./route-context.js";
import type { Scope } from "./scopes.js";

/** A new collection's code: schema constants, the in-memory store, and one route per endpoint. */
export interface CollectionCode {
  decls: string[];
  store: string[];
  routes: string[];
  needs: ImportNeed[];
}

function tsType(f: FieldSpec): string {
  const base = f.type === "integer" || f.type === "number" ? "number" : f.type === "boolean" ? "boolean" : f.type === "array" ? "unknown[]" : f.type === "object" ? "Record<string, unknown>" : "string";
  return f.required || f.default !== undefined ? base : `${base} | undefined`;
}

/** The first of the wanted names the file does not bind yet (numbered after the first when all are). */
function fresh(taken: Set<string>, ...wanted: string[]): string {
  let name = wanted.find((w) => !taken.has(w)) ?? wanted[0]!;
  for (let i = 2; taken.has(name); i += 1) name = `${wanted[0]}${i}`;
  taken.add(name);
  return name;
}

/**
 * Renders a new collection kept in a Map of its own, with integer ids counted from 1 (or UUIDs),
 * for a plugin answering under `full`. `scope` is the scope its routes work in, for error helpers.
 */
export function collectionCode(m: FastifyModel, bp: Blueprint, target: RouteTarget, full: string, scope: Scope, file: string, sink: NeedSink): Result<CollectionCode> {
  const r = bp.resource!;
  const store = fresh(target.taken, r.names.camelPlural, `${r.names.camelSingular}Store`);
  const counter = fresh(target.taken, `next${r.names.pascalSingular}Id`);
  const data = mapStore(store, counter, r.idType, r.idName);
  const lines: string[] = [];
  const needs: ImportNeed[] = [];
  const comment = `// Kept in memory: the ${r.names.pluralWords} are gone when the process restarts.`;
  if (m.typescript) {
    const item = fresh(target.taken, r.names.pascalSingular);
    const idTs = r.idType === "integer" ? "number" : "string";
    lines.push(`interface ${item} {\n${r.idName}: ${idTs};\n${r.fields.map((f) => `${f.name}: ${tsType(f)};`).join("\n")}\n}`, `${comment}\nconst ${store} = new Map<${idTs}, ${item}>();${r.idType === "uuid" ? "" : `\nlet ${counter} = 1;`}`);
  } else {
    lines.push(`${comment}\nconst ${store} = new Map();${r.idType === "uuid" ? "" : `\nlet ${counter} = 1;`}`);
  }
  if (r.idType === "uuid") needs.push({ module: "node:crypto", name: "randomUUID", local: "randomUUID" });
  const decls: string[] = [];
  const routes: string[] = [];
  const errors = errorContext(m, scope, target.receiver);
  for (const ep of bp.endpoints) {
    const guard = guardOption(m, bp, scope, target.receiver, file, sink);
    if (!guard) return { ok: false, decline: { reason: `The guard \`${bp.auth.required ? bp.auth.guard : ""}\` is a hook the new ${r.names.pluralWords} plugin cannot reach, so it could not be protected the same way.`, add: "Point at a route whose protection the new endpoints should copy." } };
    const local = ep.path.slice(full.length) || "/";
    const code = renderRoute({ m, bp, ep, target: { ...target, local, guard: guard.option }, data, errors, exprs: exprContext(m, file, sink, () => data.count()) });
    decls.push(...code.decls);
    needs.push(...code.imports);
    routes.push(code.statement);
  }
  return { ok: true, value: { decls: decls.length > 0 ? [decls.join("\n")] : [], store: lines, routes, needs } };
}
