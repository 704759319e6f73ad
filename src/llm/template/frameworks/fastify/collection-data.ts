import ts from "typescript";
import type { Blueprint } from "../../blueprint/blueprint.js";
import type { FileEditor } from "../../jsts/file-editor.js";
import { importNeedFor } from "../../jsts/import-of.js";
import { walk } from "../../jsts/symbols.js";
import type { Result } from "../framework.js";
import { type DataAccess, inlineStore, serviceAccess } from "../express/data-access.js";
import { type Collection, handlerFn } from "./collections.js";
import type { FastifyModel } from "./fastify-model.js";

/** How the new handlers reach an existing collection's items: its service, or its array or Map. */
export function collectionData(m: FastifyModel, bp: Blueprint, c: Collection, file: string, editor: FileEditor): Result<DataAccess> {
  const noun = bp.resource!.names.pluralWords;
  if (c.service) {
    const s = c.service;
    const missing = bp.endpoints.find((ep) => ep.role !== "custom" && ep.role !== "count" && !s.methods[ep.role] && !(ep.role === "replace" && s.methods.update) && !(ep.role === "update" && s.methods.replace));
    if (missing) return { ok: false, decline: { reason: `The \`${s.expr}\` the ${noun} routes use has no method to ${missing.role} a ${bp.resource!.names.singularWords}, and the built-in provider does not change a service's storage.`, add: `Add the method to \`${s.expr}\` first, or ask for the routes it already supports.` } };
    const root = s.expr.split(".")[0]!;
    const need = s.file ? importNeedFor(m.project, c.routes[0]!.route.reg.file, root) : undefined;
    if (need && need.module !== file) editor.needImports(file, [need]);
    return { ok: true, value: serviceAccess(s.expr, s.methods, new Set(), s.async, (raw) => (c.idType === "integer" ? `Number(${raw})` : raw)) };
  }
  if (c.store) {
    if (c.store.file !== file) {
      const store = importNeedFor(m.project, c.store.file, c.store.name) ?? { module: c.store.file, name: c.store.name, local: c.store.name };
      editor.needImports(file, [{ ...store, module: c.store.file }]);
    }
    return { ok: true, value: inlineStore(c.store.name, c.store.kind, c.store.nextId, c.idType, c.idName) };
  }
  return { ok: false, decline: { reason: `I could not find where the existing ${noun} are kept, so new routes could not reach them.`, add: "Point at the module that stores them, or ask for a new collection instead." } };
}

/** `const id = Number(request.params.id);` from an existing item handler, to read ids the same way. */
export function idStatementOf(m: FastifyModel, c: Collection): string | undefined {
  for (const { route, role } of c.routes) {
    if (role === "list" || role === "create") continue;
    const fn = handlerFn(m.project, route.reg);
    let found: string | undefined;
    if (fn) {
      walk(fn, (n) => {
        if (found || !ts.isVariableStatement(n) || n.declarationList.declarations.length !== 1) return;
        const d = n.declarationList.declarations[0]!;
        const names = ts.isIdentifier(d.name) ? [d.name.text] : ts.isObjectBindingPattern(d.name) ? d.name.elements.map((e) => e.name.getText()) : [];
        if (names.length === 1 && names[0] === "id" && /\.params\b/.test(d.initializer?.getText() ?? "")) found = n.getText();
      });
    }
    // An integer id read as text would miss every item of the store.
    if (found && (c.idType !== "integer" || /Number\(|parseInt\(|\+\s*\w+\.params/.test(found))) return found;
  }
  return undefined;
}
