import { posix } from "node:path";
import ts from "typescript";
import type { Blueprint, FieldSpec, Names } from "../../blueprint/blueprint.js";
import { namesOf } from "../../blueprint/names.js";
import { renameTokens } from "../../blueprint/rename-tokens.js";
import type { FileEditor } from "../../jsts/file-editor.js";
import { importNeedFor } from "../../jsts/import-of.js";
import type { ImportNeed } from "../../jsts/imports.js";
import { joiObject, zodObject } from "../../jsts/render-schema.js";
import { functionOf, originOf, unwrap } from "../../jsts/symbols.js";
import type { Result } from "../framework.js";
import type { Collection } from "./collections.js";
import { serviceAccess } from "./data-access.js";
import { errorValue } from "./render-errors.js";
import type { ExpressModel } from "./express-model.js";
import { renderHandler } from "./handlers.js";
import { routeAnchor } from "./placement.js";
import type { MountReg } from "./registrations.js";

/** A sibling feature laid out in files by role: router, controller class, service, and the schemas' module. */
export interface FeatureSibling {
  collection: Collection;
  mount: MountReg;
  router: string;
  controller: { file: string; method: ts.MethodDeclaration };
  service: NonNullable<Collection["service"]>;
  /** Where the create route's body schema is declared, when in a module of its own. */
  schemas: string | undefined;
  /** The feature's name as its files spell it: `url-shortener`. */
  stem: Names;
}

function stemNames(file: string): Names {
  const stem = posix.basename(file).replace(/\.[cm]?[jt]sx?$/, "").replace(/[.-](router|routes|route)$/i, "");
  const words = stem.split(/[-_.]/).filter(Boolean).map((w) => w.toLowerCase());
  return namesOf(stem, words, words);
}

/** A mounted collection whose routes, handlers and data live in separate files: the layout to mirror. */
export function featureSibling(m: ExpressModel): FeatureSibling | undefined {
  for (const mount of m.regs.mounts) {
    const prefix = m.prefix.get(mount.child.id);
    const collection = m.collections.find((c) => c.instance.id === mount.child.id && c.service && (c.basePath === prefix || c.basePath.startsWith(`${prefix}/`)));
    if (!collection?.service) continue;
    const route = collection.routes.find((r) => r.role === "get")?.route.reg ?? collection.routes[0]!.route.reg;
    const handler = functionOf(m.project, route.chain[route.chain.length - 1]!);
    if (!handler || !ts.isMethodDeclaration(handler) || m.project.pathOf(handler) === mount.child.file || collection.service.file === mount.child.file) continue;
    const create = collection.routes.find((r) => r.role === "create")?.route.reg;
    const schemaArg = create?.chain.slice(0, -1).map(unwrap).find((a) => ts.isCallExpression(a));
    const schemaNode = schemaArg && ts.isCallExpression(schemaArg) ? schemaNodeOf(m, schemaArg) : undefined;
    const schemas = schemaNode ? m.project.pathOf(schemaNode) : undefined;
    return { collection, mount, router: mount.child.file, controller: { file: m.project.pathOf(handler), method: handler }, service: collection.service, schemas: schemas && schemas !== mount.child.file ? schemas : undefined, stem: stemNames(mount.child.file) };
  }
  return undefined;
}

function schemaNodeOf(m: ExpressModel, call: ts.CallExpression): ts.Node | undefined {
  const first = call.arguments[0];
  if (!first) return undefined;
  const value = ts.isObjectLiteralExpression(first) ? first.properties.map((p) => (ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined)).find((v) => v !== undefined) : first;
  return value ? originOf(m.project, value) : undefined;
}

function tsType(f: FieldSpec): string {
  const base = f.type === "integer" || f.type === "number" ? "number" : f.type === "boolean" ? "boolean" : f.type === "array" ? "unknown[]" : f.type === "object" ? "Record<string, unknown>" : "string";
  return base;
}

const exportLine = (text: string, cls: string, local: string) => (/module\.exports\s*=\s*new\b/.test(text) ? `module.exports = new ${cls}();` : /export\s+default\s+new\b/.test(text) ? `export default new ${cls}();` : `export const ${local} = new ${cls}();`);

/** Writes a new feature as its sibling is written: one file per role, named and exported the same way. */
export async function newFeatureModule(m: ExpressModel, bp: Blueprint, editor: FileEditor, sib: FeatureSibling, local: string): Promise<Result<string[]>> {
  const r = bp.resource!;
  const to = namesOf(r.names.kebabPlural, r.names.kebabPlural.split("-"), r.names.kebabPlural.split("-"));
  const path = (file: string) => renameTokens(file, sib.stem, to);
  const ts_ = m.typescript;
  const item = r.names.pascalSingular;
  const idTs = r.idType === "integer" ? "number" : "string";
  const files = { router: path(sib.router), controller: path(sib.controller.file), service: path(sib.service.file), schemas: sib.schemas ? path(sib.schemas) : undefined };
  // Schemas and types.
  const lib = m.validation;
  const hasUpdate = bp.endpoints.some((e) => e.role === "update");
  const bodySchema = `${item}BodySchema`;
  const updateSchema = `${item}UpdateSchema`;
  const schemaLines: string[] = [];
  if (ts_) schemaLines.push(`export interface ${item} {`, `${r.idName}: ${idTs};`, ...r.fields.map((f) => `${f.name}${f.required || f.default !== undefined ? "" : "?"}: ${tsType(f)};`), "}", "", `export type New${item} = Omit<${item}, "${r.idName}">;`, "");
  if (lib?.middleware) {
    const make = (partial: boolean) => (lib.library === "zod" ? zodObject(r.fields, lib.libraryName, partial) : joiObject(r.fields, lib.libraryName, partial));
    schemaLines.push(`export const ${bodySchema} = ${make(false)};`);
    if (hasUpdate) schemaLines.push(`export const ${updateSchema} = ${make(true)};`);
  }
  const schemaHeader = lib?.middleware ? `${lib.libraryImport}\n\n` : "";
  if (files.schemas) editor.create(files.schemas, `${schemaHeader}${schemaLines.join("\n")}`);
  // The service: the items in memory, behind the sibling service's method names.
  const methods = { list: sib.service.methods.list ?? "list", get: sib.service.methods.get ?? "read", create: sib.service.methods.create ?? "create", update: sib.service.methods.update ?? "update", delete: sib.service.methods.delete ?? "delete" };
  const throws = sib.service.throwsNotFound.size > 0 && m.errors !== undefined;
  const notFound = throws ? errorValue(m, 404, JSON.stringify(`${r.names.singularWords.charAt(0).toUpperCase()}${r.names.singularWords.slice(1)} not found`)) : undefined;
  const serviceClass = `${r.names.pascalPlural}Service`;
  const serviceLocal = renameTokens(sib.service.expr, sib.stem, to);
  const a = sib.service.async ? "async " : "";
  const p = (t: string) => (ts_ ? (sib.service.async ? `: Promise<${t}>` : `: ${t}`) : "");
  const nextId = r.idType === "integer" ? "this.lastId" : r.idType === "uuid" ? "randomUUID()" : "String(this.lastId)";
  const missing = (v: string) => (notFound ? `if (!${v}) {\nthrow ${notFound.code};\n}` : "");
  const service = [
    ...(ts_ && !files.schemas ? schemaLines : []),
    `/** Keeps the ${r.names.pluralWords} in memory: they are gone when the process restarts. */`,
    `class ${serviceClass} {`,
    `${ts_ ? "private readonly " : ""}storage = new Map${ts_ ? `<${idTs}, ${item}>` : ""}();`,
    `${ts_ ? "private " : ""}lastId = 0;`,
    "",
    `${a}${methods.list}()${p(`${item}[]`)} {\nreturn [...this.storage.values()];\n}`,
    "",
    `${a}${methods.get}(id${ts_ ? `: ${idTs}` : ""})${p(notFound ? item : `${item} | undefined`)} {\nconst item = this.storage.get(id);\n${missing("item")}\nreturn item;\n}`,
    "",
    `${a}${methods.create}(data${ts_ ? `: New${item}` : ""})${p(item)} {\nthis.lastId += 1;\nconst item = { ${r.idName}: ${nextId}, ...data };\nthis.storage.set(item.${r.idName}, item);\nreturn item;\n}`,
    "",
    `${a}${methods.update}(id${ts_ ? `: ${idTs}` : ""}, data${ts_ ? `: Partial<New${item}>` : ""})${p(notFound ? item : `${item} | undefined`)} {\nconst current = this.storage.get(id);\n${notFound ? missing("current") : "if (!current) {\nreturn undefined;\n}"}\nconst item = { ...current, ...data };\nthis.storage.set(id, item);\nreturn item;\n}`,
    "",
    `${a}${methods.delete}(id${ts_ ? `: ${idTs}` : ""})${p(notFound ? "void" : "boolean")} {\n${notFound ? `if (!this.storage.delete(id)) {\nthrow ${notFound.code};\n}` : "return this.storage.delete(id);"}\n}`,
    "}",
    "",
    exportLine(m.project.text(sib.service.file) ?? "", serviceClass, serviceLocal),
  ];
  const serviceNeeds: ImportNeed[] = [...(notFound?.imports ?? [])];
  if (ts_ && files.schemas) serviceNeeds.push({ module: files.schemas, name: item, local: item, typeOnly: true }, { module: files.schemas, name: `New${item}`, local: `New${item}`, typeOnly: true });
  if (r.idType === "uuid") serviceNeeds.push({ module: "node:crypto", name: "randomUUID", local: "randomUUID" });
  editor.create(files.service, service.join("\n").replace(/\n\n\n+/g, "\n\n"), serviceNeeds);
  // The controller: one method per endpoint, through the service.
  const data = serviceAccess(serviceLocal, { list: methods.list, get: methods.get, create: methods.create, update: methods.update, replace: methods.update, delete: methods.delete }, throws ? new Set(Object.values(methods)) : new Set(), sib.service.async, (raw) => (r.idType === "integer" ? `Number(${raw})` : raw));
  const controllerClass = `${r.names.pascalPlural}Controller`;
  const owner = sib.controller.method.parent;
  const controllerLocal = renameTokens(ts.isClassLike(owner) && owner.name ? owner.name.text : controllerClass, sib.stem, to);
  const sample = sib.controller.method;
  const controllerNeeds: ImportNeed[] = [{ module: files.service, name: /export\s+default/.test(service.join("\n")) ? "default" : serviceLocal, local: serviceLocal }];
  const members: string[] = [];
  const routes: string[] = [];
  const validatedBody = lib?.middleware !== undefined && bp.endpoints.every((e) => e.rules.every((x) => x.error.body.kind === "repo"));
  for (const ep of bp.endpoints) {
    const handler = renderHandler({ m, bp, ep, data, validated: { body: validatedBody && !!ep.body, params: false }, exprs: { count: () => data.count(), constant: (_f, n) => n } });
    controllerNeeds.push(...handler.imports);
    const name = ep.role === "replace" ? "replace" : ep.role === "custom" ? "handle" : ep.role;
    const params = ["req", "res", "next"].slice(0, handler.next ? 3 : 2).map((base, i) => {
      const used = i !== 0 || handler.statements.some((s) => /\breq\b/.test(s));
      const type = ts_ ? sample.parameters[i]?.type?.getText() : undefined;
      return `${used ? base : `_${base}`}${type ? `: ${type}` : ""}`;
    });
    const ret = ts_ && sample.type ? `: ${handler.async ? sample.type.getText() : "void"}` : "";
    members.push(`${handler.async ? "async " : ""}${name}(${params.join(", ")})${ret} {\n${handler.statements.join("\n")}\n}`);
    const validation = validatedBody && ep.body ? validationCall(m, ep.role === "update" ? updateSchema : bodySchema) : [];
    routes.push(`${"ROUTER"}.${ep.method.toLowerCase()}(${[JSON.stringify(ep.path.slice(r.basePath.length) || "/"), ...validation, `${controllerLocal}.${name}`].join(", ")});`);
  }
  const controllerText = m.project.text(sib.controller.file) ?? "";
  const typeImport = ts_ ? controllerText.split("\n").find((l) => /^import\s+type\s+\{[^}]*\}\s+from\s+['"]express['"]/.test(l)) : undefined;
  editor.create(files.controller, `class ${controllerClass} {\n${members.join("\n\n")}\n}\n\n${exportLine(controllerText, controllerClass, controllerLocal)}`, controllerNeeds, typeImport ? [typeImport] : []);
  await writeRouter(m, editor, sib, files, to, routes, controllerLocal, validatedBody ? [bodySchema, ...(hasUpdate ? [updateSchema] : [])] : [], local);
  const written = [files.router, files.controller, files.service, ...(files.schemas ? [files.schemas] : [])];
  return { ok: true, value: [`Wrote the ${r.names.pluralWords} feature in ${written.map((f) => `\`${f}\``).join(", ")}, file for file like \`${posix.dirname(sib.router)}\`.`, ...(validatedBody ? [`Bodies are checked with ${lib!.library} through \`${lib!.middleware!.callee}\`, as the ${sib.stem.pluralWords} routes are.`] : [])] };
}

function validationCall(m: ExpressModel, schema: string): string[] {
  const mw = m.validation?.middleware;
  if (!mw) return [];
  return [mw.form === "object" ? `${mw.callee}({ ${mw.keys.body ?? "body"}: ${schema} })` : `${mw.callee}(${schema})`];
}

async function writeRouter(m: ExpressModel, editor: FileEditor, sib: FeatureSibling, files: { router: string; controller: string; schemas: string | undefined; service: string }, to: Names, routes: string[], controller: string, schemas: string[], local: string): Promise<void> {
  const file = m.project.sourceFile(sib.router)!;
  const child = sib.mount.child;
  const keep: string[] = [];
  const imports: string[] = [];
  const needs: ImportNeed[] = [{ module: files.controller, name: "default", local: controller }];
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
  const exportAt = keep.findIndex((k) => /^export\s|module\.exports/.test(k));
  const body = routes.map((r) => r.replace("ROUTER", routerName));
  keep.splice(exportAt < 0 ? keep.length : exportAt, 0, ...body);
  if (schemas.length > 0) {
    const mw = m.validation!.middleware!;
    const mwNeed = importNeedFor(m.project, mw.example.file, mw.callee.split(".")[0]!) ?? { module: mw.file, name: mw.exportName, local: mw.callee };
    needs.push(mwNeed, ...schemas.map((name) => ({ module: files.schemas ?? files.service, name, local: name })));
  }
  editor.create(files.router, keep.join("\n\n"), needs, imports);
  // Mounted where and as the sibling is: the same statement with the names swapped.
  const mountText = renameTokens(sib.mount.statement.getText(), sib.stem, to);
  const root = unwrap(sib.mount.routerArg).getText().split(".")[0]!;
  const need = importNeedFor(m.project, sib.mount.file, root);
  if (need) editor.needImports(sib.mount.file, [{ ...need, module: files.router, local: renameTokens(root, sib.stem, to) }]);
  const anchor = routeAnchor(m, sib.mount.parent, sib.mount.file, local);
  if (anchor.kind === "before") await editor.insertBefore(sib.mount.file, anchor.node, mountText);
  else await editor.insertAfter(sib.mount.file, anchor.node, mountText);
}
