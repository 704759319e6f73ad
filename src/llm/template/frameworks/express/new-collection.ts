import { posix } from "node:path";
import ts from "typescript";
import { plural, singular } from "../../../../understand/inflect.js";
import type { Blueprint, FieldSpec, Names } from "../../blueprint/blueprint.js";
import { namesOf } from "../../blueprint/names.js";
import { renameTokens } from "../../blueprint/rename-tokens.js";
import type { FileEditor } from "../../jsts/file-editor.js";
import { importNeedFor } from "../../jsts/import-of.js";
import type { ImportNeed } from "../../jsts/imports.js";
import { oneAnswer, validatorFunction } from "../../jsts/render-validator.js";
import { unwrap } from "../../jsts/symbols.js";
import type { Result } from "../framework.js";
import { mapStore } from "./data-access.js";
import type { ExpressModel } from "./express-model.js";
import { guardChain } from "./guard-chain.js";
import { arrowHandler, renderHandler } from "./handlers.js";
import type { Instance } from "./instances.js";
import { parentFor, receiverIn, routeAnchor } from "./placement.js";
import type { MountReg } from "./registrations.js";

function namesFromSegment(segment: string): Names {
  const words = segment.split(/[-_]/).filter(Boolean).map((w) => w.toLowerCase());
  const last = words[words.length - 1] ?? segment;
  return namesOf(segment, [...words.slice(0, -1), singular(last)], [...words.slice(0, -1), plural(singular(last))]);
}

/** The names of the collection a mount serves, from its prefix's last segment. */
function siblingNames(mount: MountReg): Names | undefined {
  const segment = mount.local.split("/").filter(Boolean).pop();
  return segment ? namesFromSegment(segment) : undefined;
}

function tsType(f: FieldSpec): string {
  const base = f.type === "integer" || f.type === "number" ? "number" : f.type === "boolean" ? "boolean" : f.type === "array" ? "unknown[]" : f.type === "object" ? "Record<string, unknown>" : "string";
  return f.required || f.default !== undefined ? base : `${base} | undefined`;
}

function needsJson(m: ExpressModel, parent: Instance): boolean {
  return !m.regs.uses.some((u) => u.role === "json-body" && (u.instance.id === parent.id || u.instance.id === m.app.id));
}

interface Skeleton {
  imports: string[];
  receiver: string;
  /** The file's body around the routes: the router made, the routes, the export. */
  build(routes: string[]): string[];
  /** How the parent file refers to the new router. */
  exportName: "default" | "*" | string;
}

function exportOf(file: ts.SourceFile, name: string): ts.Statement | undefined {
  return file.statements.find((s) => (ts.isExportAssignment(s) || /module\.exports\s*=/.test(s.getText())) && new RegExp(`\\b${name}\\b`).test(s.getText()));
}

/**
 * The new router file's frame, copied from a sibling router file with the names swapped: its
 * express import, how it makes the router (at the top, or inside a factory function that returns
 * it) and how it exports it.
 */
function skeleton(m: ExpressModel, sibling: MountReg | undefined, from: Names | undefined, to: Names): Skeleton {
  const child = sibling?.child;
  const file = child ? m.project.sourceFile(child.file) : undefined;
  if (file && from && child) {
    const rename = (text: string) => renameTokens(text, from, to);
    const expressImport = file.statements.find((s) => (ts.isImportDeclaration(s) && (s.moduleSpecifier as ts.StringLiteral).text === "express") || (ts.isVariableStatement(s) && /require\(\s*['"]express['"]\s*\)/.test(s.getText())));
    // A "use strict" prologue stays first, as in the sibling.
    const strict = file.statements[0] && ts.isExpressionStatement(file.statements[0]) && ts.isStringLiteral(file.statements[0].expression) && file.statements[0].expression.text === "use strict" ? [file.statements[0].getText()] : [];
    const imports = [...strict, ...(expressImport ? [expressImport.getText()] : [])];
    const receiver = rename(child.name);
    const factory = child.factory && (ts.isFunctionDeclaration(child.factory) || ts.isArrowFunction(child.factory) || ts.isFunctionExpression(child.factory)) ? child.factory : undefined;
    if (factory) {
      // `function customersRouter() { const router = Router(); …; return router; }`
      const top = file.statements.find((s) => s.getStart() <= factory.getStart() && s.getEnd() >= factory.getEnd());
      const name = ts.isFunctionDeclaration(factory) && factory.name ? factory.name.text : top && ts.isVariableStatement(top) ? top.declarationList.declarations[0]!.name.getText() : undefined;
      const creation = factory.body && ts.isBlock(factory.body) ? factory.body.statements.find((s) => s.getStart() <= child.creation.getStart() && s.getEnd() >= child.creation.getEnd()) : undefined;
      if (name && creation) {
        const exported = exportOf(file, name);
        return {
          imports,
          receiver,
          build: (routes) => [`function ${rename(name)}() {`, rename(creation.getText()), "", ...routes, `return ${receiver};`, "}", "", ...(exported ? [rename(exported.getText())] : [])],
          exportName: exported && /module\.exports/.test(exported.getText()) ? "*" : exported ? "default" : rename(name),
        };
      }
    }
    const creation = file.statements.find((s) => s.getStart() <= child.creation.getStart() && s.getEnd() >= child.creation.getEnd());
    const exported = exportOf(file, child.name);
    const isNamed = creation && /^export\s/.test(creation.getText());
    return {
      imports,
      receiver,
      build: (routes) => [creation ? rename(creation.getText()) : `const ${receiver} = express.Router();`, "", ...routes, ...(exported ? [rename(exported.getText())] : [])],
      exportName: isNamed ? receiver : exported && /module\.exports/.test(exported.getText()) ? "*" : "default",
    };
  }
  const router = "router";
  const build = (exportLine: string) => (routes: string[]) => [`const ${router} = express.Router();`, "", ...routes, exportLine];
  return m.esm
    ? { imports: ['import express from "express";'], receiver: router, build: build(`export default ${router};`), exportName: "default" }
    : { imports: ['const express = require("express");'], receiver: router, build: build(`module.exports = ${router};`), exportName: "*" };
}

function newFilePath(m: ExpressModel, editor: FileEditor, sibling: MountReg | undefined, from: Names | undefined, to: Names, parentFile: string): string {
  const ext = posix.extname(sibling?.child.file ?? parentFile);
  let path: string;
  if (sibling && from) path = renameTokens(sibling.child.file, from, to);
  else {
    const dir = posix.dirname(parentFile);
    const routes = `${dir === "." ? "" : `${dir}/`}routes`;
    path = [...m.project.paths].some((p) => p.startsWith(`${routes}/`)) ? `${routes}/${to.kebabPlural}${ext}` : `${dir === "." ? "" : `${dir}/`}${to.kebabPlural}${ext}`;
  }
  if (path === sibling?.child.file || editor.exists(path)) path = path.replace(/(\.[cm]?[jt]s)$/, `.routes$1`);
  return path;
}

/** One validation function for every endpoint that takes the item's fields, when they answer alike. */
export function sharedValidator(bp: Blueprint, typescript: boolean): { code: string; use: { name: string; partial: boolean } } | undefined {
  const withBody = bp.endpoints.filter((e) => e.body && e.body.length > 0);
  const rules = withBody.flatMap((e) => e.rules.filter((r) => r.where === "body"));
  if (withBody.length < 2 || !oneAnswer(rules)) return undefined;
  const full = withBody.find((e) => e.role !== "update") ?? withBody[0]!;
  const partial = withBody.some((e) => e.role === "update") && withBody.some((e) => e.role !== "update");
  const name = `${bp.resource!.names.camelSingular}Problem`;
  const noun = bp.resource!.names.singularWords;
  const code = `/** What is wrong with ${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}'s fields, or undefined when nothing is. */\n${validatorFunction(name, full.body ?? [], full.rules, full.invalid, typescript, partial)}`;
  return { code, use: { name, partial } };
}

/** A new collection in a router file of its own, mounted where its path says, kept in memory. */
export async function newCollection(m: ExpressModel, bp: Blueprint, editor: FileEditor): Promise<Result<string[]>> {
  const r = bp.resource!;
  const { instance: parent, local } = parentFor(m, r.basePath);
  const parentFile = m.regs.mounts.find((x) => x.parent.id === parent.id)?.file ?? (parent.id === m.app.id ? m.app.file : parent.file);
  const sibling = m.regs.mounts.find((x) => x.parent.id === parent.id && x.child.file !== parentFile) ?? m.regs.mounts.find((x) => x.child.file !== x.file);
  const from = sibling ? siblingNames(sibling) : undefined;
  const path = newFilePath(m, editor, sibling, from, r.names, parentFile);
  const frame = skeleton(m, sibling, from, r.names);
  const store = r.names.camelPlural;
  const counter = `next${r.names.pascalSingular}Id`;
  const data = mapStore(store, counter, r.idType, r.idName);
  const top: string[] = [];
  const routes: string[] = [];
  const needs: ImportNeed[] = [];
  const plainExpress = frame.imports.some((i) => /\bexpress\b/.test(i) && !/\{/.test(i));
  if (needsJson(m, parent) && bp.endpoints.some((e) => e.body)) {
    routes.push(`${frame.receiver}.use(${plainExpress ? "express.json()" : "json()"});`, "");
    if (!plainExpress) needs.push({ module: "express", name: "json", local: "json" });
  }
  if (r.idType === "uuid") needs.push({ module: "node:crypto", name: "randomUUID", local: "randomUUID" });
  if (m.typescript) {
    const idTs = r.idType === "integer" ? "number" : "string";
    top.push(`interface ${r.names.pascalSingular} {`, `${r.idName}: ${idTs};`, ...r.fields.map((f) => `${f.name}: ${tsType(f)};`), "}", "");
    top.push(`// Kept in memory: the ${r.names.pluralWords} are gone when the process restarts.`, `const ${store} = new Map<${idTs}, ${r.names.pascalSingular}>();`);
  } else {
    top.push(`// Kept in memory: the ${r.names.pluralWords} are gone when the process restarts.`, `const ${store} = new Map();`);
  }
  if (r.idType !== "uuid") top.push(`let ${counter} = 1;`);
  top.push("");
  const guards = guardChain(m, bp, parent, path, editor);
  const validator = sharedValidator(bp, m.typescript);
  if (validator) top.push(validator.code, "");
  for (const ep of bp.endpoints) {
    const handler = renderHandler({ m, bp, ep, data, validated: { body: false, params: false }, ...(validator ? { validator: validator.use } : {}), exprs: { count: () => data.count(), constant: (_f, n) => n } });
    needs.push(...handler.imports);
    const sub = ep.path.slice(r.basePath.length) || "/";
    routes.push(`${frame.receiver}.${ep.method.toLowerCase()}(${[JSON.stringify(sub), ...guards, arrowHandler(handler)].join(", ")});`, "");
  }
  editor.create(path, [...top, ...frame.build(routes)].join("\n"), needs, frame.imports);
  await mount(m, bp, editor, parent, parentFile, local, path, frame, sibling, from);
  return { ok: true, value: [`Wrote the ${r.names.pluralWords} routes in \`${path}\`${sibling ? `, like \`${sibling.child.file}\`` : ""}, kept in memory.`, `Mounted them at \`${local}\` in \`${parentFile}\`, so they answer at \`${r.basePath}\`.`] };
}

async function mount(m: ExpressModel, bp: Blueprint, editor: FileEditor, parent: Instance, parentFile: string, local: string, path: string, frame: Skeleton, sibling: MountReg | undefined, from: Names | undefined): Promise<void> {
  const to = bp.resource!.names;
  const routerArg = sibling && sibling.file === parentFile ? unwrap(sibling.routerArg) : undefined;
  let arg = `${to.camelPlural}Router`;
  if (routerArg && from) {
    const root = /^[A-Za-z_$][\w$]*/.exec(routerArg.getText())?.[0] ?? routerArg.getText();
    const need = importNeedFor(m.project, parentFile, root);
    arg = renameTokens(routerArg.getText(), from, to);
    if (need) editor.needImports(parentFile, [{ module: path, name: frame.exportName === "*" ? (m.esm ? "default" : "*") : frame.exportName, local: renameTokens(root, from, to) }]);
  } else {
    editor.needImports(parentFile, [{ module: path, name: frame.exportName === "*" ? (m.esm ? "default" : "*") : frame.exportName, local: frame.exportName !== "default" && frame.exportName !== "*" ? frame.exportName : arg }]);
    if (frame.exportName !== "default" && frame.exportName !== "*") arg = frame.exportName;
  }
  const receiver = receiverIn(m, parent, parentFile);
  const statement = `${receiver}.use(${JSON.stringify(local)}, ${arg});`;
  const anchor = routeAnchor(m, parent, parentFile, local);
  if (anchor.kind === "before") await editor.insertBefore(parentFile, anchor.node, statement);
  else await editor.insertAfter(parentFile, anchor.node, statement);
}
