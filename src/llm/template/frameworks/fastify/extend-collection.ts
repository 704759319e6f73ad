import type { Blueprint } from "../../blueprint/blueprint.js";
import type { FileEditor } from "../../jsts/file-editor.js";
import type { ImportNeed } from "../../jsts/imports.js";
import { unwrap } from "../../jsts/symbols.js";
import type { Result } from "../framework.js";
import { collectionData, idStatementOf } from "./collection-data.js";
import type { Collection } from "./collections.js";
import type { FastifyModel } from "./fastify-model.js";
import { namesIn, routeForm, schemasAsConstants } from "./file-conventions.js";
import { receiverIn, routeAnchor, topLevelOf } from "./placement.js";
import { renderRoute, type RouteTarget } from "./render-route.js";
import { errorContext, exprContext, guardOption } from "./route-context.js";
import { schemaPart } from "./route-registrations.js";
import { joinPath } from "./route-table.js";

function cannotGuard(bp: Blueprint): Result<never> {
  return { ok: false, decline: { reason: `The guard \`${bp.auth.required ? bp.auth.guard : ""}\` is added as a hook the new routes' plugin cannot reach, so they could not be protected the same way.`, add: "Point at a route whose protection the new endpoints should copy." } };
}

/** Adds routes to a collection the repository already serves: in its plugin, with its store, schemas and id reading. */
export async function extendCollection(m: FastifyModel, bp: Blueprint, c: Collection, editor: FileEditor): Promise<Result<string[]>> {
  const file = c.routes[0]!.route.reg.file;
  const scope = c.scope;
  const receiver = receiverIn(m, scope, file);
  const data = collectionData(m, bp, c, file, editor);
  if (!data.ok) return data;
  const prefix = m.tree.prefix.get(scope.id) ?? "";
  const itemRoute = c.routes.find((r) => r.role !== "list" && r.role !== "create")?.route.reg;
  // A type provider types `request.params` only from a schema, so TypeScript needs one there.
  const idInSchema = (itemRoute !== undefined && schemaPart(m.project, itemRoute, "params") !== undefined) || (m.typescript && m.schemas.typeProvider);
  const createBody = c.routes.find((r) => r.role === "create")?.route.reg;
  const bodyExpr = createBody ? schemaPart(m.project, createBody, "body") : undefined;
  const idStatement = idInSchema ? undefined : idStatementOf(m, c);
  const target: RouteTarget = { receiver, local: "/", form: routeForm(m, file), decls: schemasAsConstants(m, file), taken: namesIn(m, file), declared: new Map(), idInSchema, guard: undefined, ...(bodyExpr ? { reuse: { body: unwrap(bodyExpr).getText() } } : {}) };
  const decls: string[] = [];
  const notes: string[] = [];
  const sink = (needs: ImportNeed[]) => editor.needImports(file, needs);
  for (const ep of bp.endpoints) {
    const local = ep.path.slice(prefix.length) || "/";
    const guard = guardOption(m, bp, scope, receiver, file, sink);
    if (!guard) return cannotGuard(bp);
    const code = renderRoute({ m, bp, ep, target: { ...target, local, guard: guard.option }, data: data.value, errors: errorContext(m, scope, receiver), ...(idStatement ? { idStatement } : {}), exprs: exprContext(m, file, sink, () => data.value.count()) });
    decls.push(...code.decls);
    editor.needImports(file, code.imports);
    const anchor = routeAnchor(m, scope, file, local);
    if (!anchor) return { ok: false, decline: { reason: `I could not find where the ${bp.resource!.names.pluralWords} routes are registered in \`${file}\`.` } };
    if (anchor.kind === "before") await editor.insertBefore(file, anchor.node, code.statement);
    else await editor.insertAfter(file, anchor.node, code.statement);
    notes.push(`Added \`${ep.method} ${joinPath(prefix, local)}\` to \`${file}\` beside the existing ${bp.resource!.names.pluralWords} routes${prefix ? `, as \`${local}\` under the plugin's \`${prefix}\` prefix` : ""}${anchor.kind === "before" ? ", before the route that would otherwise answer it" : ""}.`);
  }
  if (decls.length > 0) await editor.insertBefore(file, topLevelOf(scope.fn && scope.file === file ? scope.fn : c.routes[0]!.route.reg.statement), decls.join("\n"));
  if (c.service) notes.push(`The new routes use \`${c.service.expr}\`, as the existing ones do.`);
  else if (c.store) notes.push(`The new routes use the same in-memory \`${c.store.name}\` as the existing ones.`);
  return { ok: true, value: notes };
}
