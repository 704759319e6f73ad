import { posix } from "node:path";
import ts from "typescript";
import type { Blueprint, FieldSpec, Names } from "../../blueprint/blueprint.js";
import { renameTokens } from "../../blueprint/rename-tokens.js";
import type { FileEditor } from "../../jsts/file-editor.js";
import { importNeedFor } from "../../jsts/import-of.js";
import type { ImportNeed } from "../../jsts/imports.js";
import { zodObject } from "../../jsts/render-schema.js";
import { unwrap } from "../../jsts/symbols.js";
import type { Result } from "../framework.js";
import type { ExpressModel } from "./express-model.js";
import { writeFeatureController } from "./feature-controller.js";
import { writeFeatureSchemas } from "./feature-schemas.js";
import { writeFeatureService } from "./feature-service.js";
import { type FeatureFiles, type FeatureSibling, newFeatureLayout } from "./feature-sibling.js";
import { routeAnchor } from "./placement.js";
import { openApiPath } from "./openapi-registry.js";
import { registerOpenApi } from "./register-openapi.js";

export { featureSibling, type FeatureSibling } from "./feature-sibling.js";

/** Writes a new feature as its sibling is written: one file per role, named and exported the same way. */
export async function newFeatureModule(m: ExpressModel, bp: Blueprint, editor: FileEditor, sib: FeatureSibling, local: string): Promise<Result<string[]>> {
  const f = newFeatureLayout(m, bp, sib);
  const r = f.resource;
  const lib = m.validation;
  // Schemas and types, then the service holding the items, then the controller calling it.
  const schemas = writeFeatureSchemas(m, bp, editor, sib, f);
  const service = writeFeatureService(m, bp, editor, sib, f, schemas.lines);
  const controller = writeFeatureController(m, bp, editor, sib, f, service, schemas);
  const described = await describeFeature(m, bp, editor, sib, f.files.schemas ?? f.files.service, schemas.body, schemas.hasUpdate ? schemas.update : undefined);
  await writeRouter(m, editor, sib, f.files, f.to, r.names, controller.routes, controller.local, /^export default/.test(controller.exportText) ? "default" : controller.local, schemas.validated ? [schemas.body, ...(schemas.hasUpdate ? [schemas.update] : [])] : [], local);
  const written = [f.files.router, f.files.controller, f.files.service, ...(f.files.schemas ? [f.files.schemas] : [])];
  return { ok: true, value: [...described, `Wrote the ${r.names.pluralWords} feature in ${written.map((file) => `\`${file}\``).join(", ")}, file for file like \`${posix.dirname(sib.router)}\`.`, ...(schemas.validated ? [`Bodies are checked with ${lib!.library} through \`${lib!.middleware!.callee}\`, as the ${sib.stem.pluralWords} routes are.`] : [])] };
}

/** The feature's operations in the registry the sibling is listed in, with an item schema to answer with. */
async function describeFeature(m: ExpressModel, bp: Blueprint, editor: FileEditor, sib: FeatureSibling, opsFile: string, body: string, update: string | undefined): Promise<string[]> {
  const reg = m.openapi;
  const base = openApiPath(sib.collection.basePath);
  if (!reg || m.validation?.library !== "zod" || !reg.operations.some((o) => o.path === base || o.path.startsWith(`${base}/`))) return [];
  const r = bp.resource!;
  const z = m.validation.libraryName;
  const item = `${r.names.pascalSingular}Schema`;
  const idField: FieldSpec = { name: r.idName, type: r.idType === "integer" ? "integer" : "string", required: true, nullable: false, constraints: {}, readOnly: true };
  // An answer always has the fields a default fills in.
  const answer: FieldSpec[] = [idField, ...r.fields.map(({ default: _default, ...f }) => ({ ...f, required: f.required || _default !== undefined }))];
  editor.append(opsFile, `
export const ${item} = ${zodObject(answer, z, false)};
`);
  const tags = JSON.stringify([r.names.pluralWords.replace(/^\w/, (c) => c.toUpperCase())]);
  return registerOpenApi(m, bp, editor, reg, opsFile, { z, item, body, ...(update ? { update } : {}), tags });
}

async function writeRouter(m: ExpressModel, editor: FileEditor, sib: FeatureSibling, files: FeatureFiles, to: Names, bpNames: Names, routes: string[], controller: string, controllerExportName: string, schemas: string[], local: string): Promise<void> {
  const file = m.project.sourceFile(sib.router)!;
  const child = sib.mount.child;
  const keep: string[] = [];
  const imports: string[] = [];
  const needs: ImportNeed[] = [{ module: files.controller, name: controllerExportName, local: controller }];
  for (const s of file.statements) {
    const text = s.getText();
    if (ts.isImportDeclaration(s)) {
      if ((s.moduleSpecifier as ts.StringLiteral).text === "express") imports.push(text);
      continue;
    }
    if (m.regs.routes.some((r) => r.statement === s) || /require\(/.test(text)) continue;
    if (ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => d.initializer && ts.isStringLiteralLike(unwrap(d.initializer)) && (unwrap(d.initializer) as ts.StringLiteral).text === sib.mount.local)) {
      keep.push(text.replace(/(['"`])[^'"`]*\1/, JSON.stringify(local)));
      continue;
    }
    keep.push(renameTokens(text, sib.stem, to));
  }
  const routerName = renameTokens(child.name, sib.stem, to);
  const body = routes.map((r) => r.replace("ROUTER", routerName));
  // Routes follow the router's creation and come before a closing export (`export default router`).
  const created = keep.findIndex((k) => new RegExp(`\\b${routerName.replace(/\$/g, "\\$")}\\b\\s*(:[^=]+)?=`).test(k));
  const closing = keep.findIndex((k, i) => i > created && /^(export\s+default\b|export\s*\{|module\.exports)/.test(k));
  keep.splice(closing < 0 ? keep.length : closing, 0, ...body);
  if (schemas.length > 0) {
    const mw = m.validation!.middleware!;
    const mwNeed = importNeedFor(m.project, mw.example.file, mw.callee.split(".")[0]!) ?? { module: mw.file, name: mw.exportName, local: mw.callee };
    needs.push(mwNeed, ...schemas.map((name) => ({ module: files.schemas ?? files.service, name, local: name })));
  }
  editor.create(files.router, keep.join("\n\n"), needs, imports);
  // Mounted where and as the sibling is: the same statement with the names swapped.
  let mountText = renameTokens(renameTokens(sib.mount.statement.getText(), sib.stem, to), sib.names, bpNames);
  const prefixArg = sib.mount.prefixArg && unwrap(sib.mount.prefixArg);
  if (prefixArg && ts.isStringLiteralLike(prefixArg)) mountText = mountText.replace(renameTokens(renameTokens(prefixArg.getText(), sib.stem, to), sib.names, bpNames), JSON.stringify(local));
  const root = unwrap(sib.mount.routerArg).getText().split(".")[0]!;
  const need = importNeedFor(m.project, sib.mount.file, root);
  const rename = (x: string) => renameTokens(renameTokens(x, sib.stem, to), sib.names, bpNames);
  if (need) editor.needImports(sib.mount.file, [{ ...need, module: files.router, name: need.name === "default" || need.name === "*" ? need.name : rename(need.name), local: rename(root) }]);
  const anchor = routeAnchor(m, sib.mount.parent, sib.mount.file, local);
  if (anchor.kind === "before") await editor.insertBefore(sib.mount.file, anchor.node, mountText);
  else await editor.insertAfter(sib.mount.file, anchor.node, mountText);
}
