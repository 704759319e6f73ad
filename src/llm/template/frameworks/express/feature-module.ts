import { posix } from "node:path";
import ts from "typescript";
import type { Blueprint, FieldSpec, Names } from "../../blueprint/blueprint.js";
import { plural, singular } from "../../../../understand/inflect.js";
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
import { openApiPath } from "./openapi-registry.js";
import type { MountReg } from "./registrations.js";
import { registerOpenApi } from "./register-openapi.js";

/** A sibling feature laid out in files by role: router, controller class, service, and the schemas' module. */
export interface FeatureSibling {
  collection: Collection;
  mount: MountReg;
  router: string;
  controller: { file: string; method: ts.MethodDeclaration; wrapped: boolean };
  service: NonNullable<Collection["service"]>;
  /** Where the create route's body schema is declared, when in a module of its own. */
  schemas: string | undefined;
  /** The create route's body schema as the router names it: `ProductBody`. */
  schemaName: string | undefined;
  /** The collection's names, from its path: `products`, `product`. */
  names: Names;
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
    const found = controllerMethod(m, route.chain[route.chain.length - 1]!);
    const handler = found?.method;
    if (!found || !handler || m.project.pathOf(handler) === mount.child.file || collection.service.file === mount.child.file) continue;
    const create = collection.routes.find((r) => r.role === "create")?.route.reg;
    const schemaArg = create?.chain.slice(0, -1).map(unwrap).find((a) => ts.isCallExpression(a));
    const schemaNode = schemaArg && ts.isCallExpression(schemaArg) ? schemaNodeOf(m, schemaArg) : undefined;
    const schemaName = schemaArg && ts.isCallExpression(schemaArg) ? schemaIdentifier(schemaArg) : undefined;
    const segment = collection.basePath.split("/").filter(Boolean).pop() ?? "";
    const schemas = schemaNode ? m.project.pathOf(schemaNode) : undefined;
    return { collection, mount, router: mount.child.file, controller: { file: m.project.pathOf(handler), method: handler, wrapped: found.wrapped }, service: collection.service, schemas: schemas && schemas !== mount.child.file ? schemas : undefined, schemaName, names: namesFromSegment(segment), stem: stemNames(mount.child.file) };
  }
  return undefined;
}

/**
 * The controller method a route's handler is: `Controller.get` itself, or an arrow that only
 * calls one (`(req, res) => productsController.get(req, res)`).
 */
function controllerMethod(m: ExpressModel, handler: ts.Expression): { method: ts.MethodDeclaration; wrapped: boolean } | undefined {
  const fn = functionOf(m.project, handler);
  if (fn && ts.isMethodDeclaration(fn)) return { method: fn, wrapped: false };
  if (!fn || !fn.body) return undefined;
  const body = ts.isBlock(fn.body) ? fn.body.statements : [fn.body];
  const only = body.length === 1 ? body[0]! : undefined;
  const expr = only && (ts.isExpressionStatement(only) || ts.isReturnStatement(only)) ? only.expression : only && ts.isExpression(only as ts.Node) ? (only as ts.Expression) : undefined;
  const call = expr && unwrap(expr);
  if (!call || !ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  const method = functionOf(m.project, call.expression);
  return method && ts.isMethodDeclaration(method) ? { method, wrapped: true } : undefined;
}

function schemaIdentifier(call: ts.CallExpression): string | undefined {
  const first = call.arguments[0];
  const value = first && ts.isObjectLiteralExpression(first) ? first.properties.map((p) => (ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined)).find((v) => v !== undefined) : first;
  return value && ts.isIdentifier(value) ? value.text : undefined;
}

function namesFromSegment(segment: string): Names {
  const words = segment.split(/[-_]/).filter(Boolean).map((w) => w.toLowerCase());
  const last = words[words.length - 1] ?? segment;
  return namesOf(segment, [...words.slice(0, -1), singular(last)], [...words.slice(0, -1), plural(singular(last))]);
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
  // The schema named as the sibling names its own (`ProductBody` → `TagBody`).
  const mirrored = sib.schemaName ? renameTokens(sib.schemaName, sib.names, r.names) : undefined;
  const bodySchema = mirrored && mirrored !== sib.schemaName ? mirrored : `${item}BodySchema`;
  const updateSchema = bodySchema.replace(/Body/, "Update").replace(/^(?!.*Update)(.*)$/, "$1Update");
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
  // A uuid needs no counter; `this.lastId += 1` goes only where ids are counted.
  const missing = (v: string) => (notFound ? `if (!${v}) {\nthrow ${notFound.code};\n}` : "");
  const roles = new Set(bp.endpoints.map((e) => e.role));
  const wants = (role: "list" | "get" | "create" | "update" | "delete") =>
    role === "update" ? roles.has("update") || roles.has("replace") : role === "get" ? roles.has("get") || (!notFound && (roles.has("update") || roles.has("replace") || roles.has("delete"))) : roles.has(role) || (role === "list" && roles.has("count"));
  const methodTexts: Record<"list" | "get" | "create" | "update" | "delete", string> = {
    list: `${a}${methods.list}()${p(`${item}[]`)} {\nreturn [...this.storage.values()];\n}`,
    get: `${a}${methods.get}(id${ts_ ? `: ${idTs}` : ""})${p(notFound ? item : `${item} | undefined`)} {\nconst item = this.storage.get(id);\n${missing("item")}\nreturn item;\n}`,
    create: `${a}${methods.create}(data${ts_ ? `: New${item}` : ""})${p(item)} {\n${r.idType === "uuid" ? "" : "this.lastId += 1;\n"}const item = { ${r.idName}: ${nextId}, ...data };\nthis.storage.set(item.${r.idName}, item);\nreturn item;\n}`,
    update: `${a}${methods.update}(id${ts_ ? `: ${idTs}` : ""}, data${ts_ ? `: Partial<New${item}>` : ""})${p(notFound ? item : `${item} | undefined`)} {\nconst current = this.storage.get(id);\n${notFound ? missing("current") : "if (!current) {\nreturn undefined;\n}"}\nconst item = { ...current, ...data };\nthis.storage.set(id, item);\nreturn item;\n}`,
    delete: `${a}${methods.delete}(id${ts_ ? `: ${idTs}` : ""})${p(notFound ? "void" : "boolean")} {\n${notFound ? `if (!this.storage.delete(id)) {\nthrow ${notFound.code};\n}` : "return this.storage.delete(id);"}\n}`,
  };
  const usesCounter = roles.has("create") && r.idType !== "uuid";
  const service = [
    ...(ts_ && !files.schemas ? schemaLines : []),
    `/** Keeps the ${r.names.pluralWords} in memory: they are gone when the process restarts. */`,
    `class ${serviceClass} {`,
    `${ts_ ? "private readonly " : ""}storage = new Map${ts_ ? `<${idTs}, ${item}>` : ""}();`,
    ...(usesCounter ? [`${ts_ ? "private " : ""}lastId = 0;`] : []),
    "",
    ...(["list", "get", "create", "update", "delete"] as const).filter(wants).flatMap((role) => [methodTexts[role], ""]),
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
  const ownerName = ts.isClassLike(owner) && owner.name ? owner.name.text : controllerClass;
  // The name the controller is used by: its exported instance (`productsController`), else its class.
  const instance = new RegExp(`(?:export\\s+(?:const|let)\\s+(\\w+)\\s*=\\s*new\\s+${ownerName}\\b)`).exec(m.project.text(sib.controller.file) ?? "")?.[1];
  const controllerLocal = renameTokens(renameTokens(instance ?? ownerName, sib.stem, to), sib.names, r.names);
  const sample = sib.controller.method;
  const controllerNeeds: ImportNeed[] = [{ module: files.service, name: /export\s+default/.test(service.join("\n")) ? "default" : serviceLocal, local: serviceLocal }];
  const controllerExport = exportLine(m.project.text(sib.controller.file) ?? "", controllerClass, controllerLocal);
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
    const args = handler.next ? "req, res, next" : "req, res";
    const target = sib.controller.wrapped ? `(${args}) => ${controllerLocal}.${name}(${args})` : `${controllerLocal}.${name}`;
    routes.push(`${"ROUTER"}.${ep.method.toLowerCase()}(${[JSON.stringify(ep.path.slice(r.basePath.length) || "/"), ...validation, target].join(", ")});`);
  }
  const controllerText = m.project.text(sib.controller.file) ?? "";
  const typeImport = ts_ ? controllerText.split("\n").find((l) => /^import\s+type\s+\{[^}]*\}\s+from\s+['"]express['"]/.test(l)) : undefined;
  editor.create(files.controller, `class ${controllerClass} {\n${members.join("\n\n")}\n}\n\n${controllerExport}`, controllerNeeds, typeImport ? [typeImport] : []);
  const described = await describeFeature(m, bp, editor, sib, files.schemas ?? files.service, bodySchema, hasUpdate ? updateSchema : undefined);
  await writeRouter(m, editor, sib, files, to, r.names, routes, controllerLocal, /^export default/.test(controllerExport) ? "default" : controllerLocal, validatedBody ? [bodySchema, ...(hasUpdate ? [updateSchema] : [])] : [], local);
  const written = [files.router, files.controller, files.service, ...(files.schemas ? [files.schemas] : [])];
  return { ok: true, value: [...described, `Wrote the ${r.names.pluralWords} feature in ${written.map((f) => `\`${f}\``).join(", ")}, file for file like \`${posix.dirname(sib.router)}\`.`, ...(validatedBody ? [`Bodies are checked with ${lib!.library} through \`${lib!.middleware!.callee}\`, as the ${sib.stem.pluralWords} routes are.`] : [])] };
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

function validationCall(m: ExpressModel, schema: string): string[] {
  const mw = m.validation?.middleware;
  if (!mw) return [];
  return [mw.form === "object" ? `${mw.callee}({ ${mw.keys.body ?? "body"}: ${schema} })` : `${mw.callee}(${schema})`];
}

async function writeRouter(m: ExpressModel, editor: FileEditor, sib: FeatureSibling, files: { router: string; controller: string; schemas: string | undefined; service: string }, to: Names, bpNames: Names, routes: string[], controller: string, controllerExportName: string, schemas: string[], local: string): Promise<void> {
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
