import ts from "typescript";
import type { Blueprint, EndpointPlan } from "../../blueprint/blueprint.js";
import type { FileEditor } from "../../jsts/file-editor.js";
import { importNeedFor } from "../../jsts/import-of.js";
import type { ImportNeed } from "../../jsts/imports.js";
import { functionOf, unwrap, walk } from "../../jsts/symbols.js";
import type { Result } from "../framework.js";
import type { Collection } from "./collections.js";
import { type DataAccess, inlineStore, serviceAccess } from "./data-access.js";
import type { ExpressModel } from "./express-model.js";
import { guardChain } from "./guard-chain.js";
import { arrowHandler, type Handler, renderHandler } from "./handlers.js";
import { openApiPath, propertyText } from "./openapi-registry.js";
import { receiverIn, routeAnchor } from "./placement.js";
import { registerOpenApi } from "./register-openapi.js";
import type { RouteReg } from "./registrations.js";
import { joinPath } from "./route-table.js";

const BODY_ROLES = new Set(["create", "replace", "update"]);
const ITEM_ROLES = new Set(["get", "replace", "update", "delete"]);

/** The collection's route for the first of `roles` it serves, in that order of preference. */
function routeOf(c: Collection, ...roles: string[]): RouteReg | undefined {
  for (const role of roles) {
    const found = c.routes.find((r) => r.role === role);
    if (found) return found.route.reg;
  }
  return undefined;
}

/** `const id = <UrlId>req.params.id;` from an existing item handler, to read ids the same way. */
function idStatement(m: ExpressModel, c: Collection): string | undefined {
  const route = routeOf(c, "get", "delete", "update", "replace");
  const last = route?.chain[route.chain.length - 1];
  const fn = last ? functionOf(m.project, last) : undefined;
  let found: string | undefined;
  if (fn) {
    walk(fn, (n) => {
      if (!found && ts.isVariableStatement(n) && /req\.params/.test(n.getText()) && n.declarationList.declarations.length === 1 && n.declarationList.declarations[0]!.name.getText() === "id") found = n.getText();
    });
  }
  return found;
}

/** The middleware of an existing route that validates the part `key` names (`bodySchema`, `paramsSchema`). */
function validator(m: ExpressModel, route: RouteReg | undefined, key: "body" | "params"): ts.Expression | undefined {
  const mw = m.validation?.middleware;
  if (!mw || !route) return undefined;
  const k = mw.keys[key];
  return route.chain.slice(0, -1).find((a) => {
    const call = unwrap(a);
    if (!ts.isCallExpression(call) || call.expression.getText() !== mw.callee) return false;
    const first = call.arguments[0];
    if (mw.form === "positional") return key === "body";
    return !!first && ts.isObjectLiteralExpression(first) && first.properties.some((p) => p.name?.getText() === k);
  });
}

/** One validation call from several of the same middleware: `v({ paramsSchema: P }), v({ bodySchema: B })` → `v({ paramsSchema: P, bodySchema: B })`. */
function merged(calls: ts.Expression[]): string[] {
  const objects = calls.map(unwrap).filter((c): c is ts.CallExpression => ts.isCallExpression(c) && c.arguments.length === 1 && ts.isObjectLiteralExpression(c.arguments[0]!));
  if (objects.length === calls.length && objects.length > 1 && new Set(objects.map((c) => c.expression.getText())).size === 1) {
    const props = objects.flatMap((c) => (c.arguments[0] as ts.ObjectLiteralExpression).properties.map((p) => p.getText()));
    return [`${objects[0]!.expression.getText()}({ ${props.join(", ")} })`];
  }
  return calls.map((c) => c.getText());
}

/** The class method the collection's routes use as handlers, when they use one: where new handlers go. */
function controllerOf(m: ExpressModel, c: Collection): { method: ts.MethodDeclaration; holder: ts.ClassLikeDeclaration; expr: string; file: string } | undefined {
  const sample = routeOf(c, "get", "list", "delete", "create");
  const last = sample ? unwrap(sample.chain[sample.chain.length - 1]!) : undefined;
  const method = last ? functionOf(m.project, last) : undefined;
  if (!last || !ts.isPropertyAccessExpression(last) || !method || !ts.isMethodDeclaration(method) || !ts.isClassLike(method.parent)) return undefined;
  return { method, holder: method.parent, expr: last.expression.getText(), file: m.project.pathOf(method) };
}

/** The file the collection's handlers are written in (a controller, or the router itself). */
function handlersFile(m: ExpressModel, c: Collection): string {
  const sample = routeOf(c, "get", "list", "delete", "create");
  const fn = sample ? functionOf(m.project, sample.chain[sample.chain.length - 1]!) : undefined;
  return fn ? m.project.pathOf(fn) : c.routes[0]!.route.reg.file;
}

function dataFor(m: ExpressModel, bp: Blueprint, c: Collection, file: string, editor: FileEditor): Result<DataAccess> {
  const noun = bp.resource!.names.pluralWords;
  if (c.service) {
    const missing = bp.endpoints.find((ep) => ep.role !== "custom" && ep.role !== "count" && !c.service!.methods[ep.role] && !(ep.role === "replace" && c.service!.methods.update) && !(ep.role === "update" && c.service!.methods.replace));
    if (missing) return { ok: false, decline: { reason: `The ${c.service.expr} the ${noun} routes use has no method to ${missing.role} a ${bp.resource!.names.singularWords}, and the built-in provider does not change a service's storage.`, add: `Add the method to ${c.service.expr} first, or ask for the routes it already supports.` } };
    const root = c.service.expr.split(".")[0]!;
    const need = importNeedFor(m.project, handlersFile(m, c), root);
    if (need && need.module !== file) editor.needImports(file, [need]);
    const idExpr = (raw: string) => (c.idType === "integer" ? `Number(${raw})` : raw);
    return { ok: true, value: serviceAccess(c.service.expr, c.service.methods, c.service.throwsNotFound, c.service.async, idExpr) };
  }
  if (c.store) {
    const needs: ImportNeed[] = [];
    if (c.store.file !== file) {
      const store = importNeedFor(m.project, c.store.file, c.store.name) ?? { module: c.store.file, name: c.store.name, local: c.store.name };
      needs.push({ ...store, module: c.store.file });
      const counter = /^(\w+)\(\)$/.exec(c.store.nextId ?? "")?.[1];
      if (counter) needs.push({ module: c.store.file, name: counter, local: counter });
    }
    editor.needImports(file, needs);
    return { ok: true, value: inlineStore(c.store.name, c.store.kind, c.store.nextId, c.idType, c.idName) };
  }
  return { ok: false, decline: { reason: `I could not find where the existing ${noun} are kept, so new routes could not reach them.`, add: "Point at the module that stores them, or ask for a new collection instead." } };
}

/** Adds routes to a collection the repository already serves, in its router, with its store and validation. */
export async function extendCollection(m: ExpressModel, bp: Blueprint, c: Collection, editor: FileEditor): Promise<Result<string[]>> {
  const routeFile = c.routes[0]!.route.reg.file;
  const receiver = receiverIn(m, c.instance, routeFile);
  const controller = controllerOf(m, c);
  const data = dataFor(m, bp, c, controller?.file ?? routeFile, editor);
  if (!data.ok) return data;
  const notes: string[] = [];
  const idStmt = idStatement(m, c);
  for (const ep of bp.endpoints) {
    const prefix = m.prefix.get(c.instance.id) ?? "";
    const local = ep.path.slice(prefix.length) || "/";
    const chain: ts.Expression[] = [];
    const itemValidator = ITEM_ROLES.has(ep.role) ? validator(m, routeOf(c, "get", "delete", "update", "replace"), "params") : undefined;
    const bodyValidator = BODY_ROLES.has(ep.role) && ep.rules.every((r) => r.error.body.kind === "repo") ? validator(m, routeOf(c, "create", "replace", "update"), "body") : undefined;
    if (itemValidator) chain.push(itemValidator);
    if (bodyValidator) chain.push(bodyValidator);
    const validated = { body: bodyValidator !== undefined, params: itemValidator !== undefined };
    const handler = renderHandler({ m, bp, ep, data: data.value, validated, ...(idStmt ? { idStatement: idStmt } : {}), exprs: { count: () => data.value.count(), constant: (_f, n) => n } });
    const guards = guardChain(m, bp, c.instance, routeFile, editor);
    const args = [JSON.stringify(local), ...guards, ...merged(chain)];
    const registration = `${receiver}.${ep.method.toLowerCase()}(${args.join(", ")}, ${await handlerArg(controller, ep, handler, editor, routeFile)});`;
    const anchor = routeAnchor(m, c.instance, routeFile, local);
    if (anchor.kind === "before") await editor.insertBefore(routeFile, anchor.node, registration);
    else await editor.insertAfter(routeFile, anchor.node, registration);
    notes.push(`Added \`${ep.method} ${joinPath(prefix, local)}\` to \`${routeFile}\` beside the existing ${bp.resource!.names.pluralWords} routes${anchor.kind === "before" ? ", before the route that would otherwise answer it" : ""}.`);
  }
  notes.push(...(await describeInOpenApi(m, bp, c, editor)));
  if (c.service) notes.push(`The new routes use \`${c.service.expr}\`, as the existing ones do.`);
  else if (c.store) notes.push(`The new routes use the same in-memory \`${c.store.name}\` as the existing ones.`);
  return { ok: true, value: notes };
}

/** Operations for the new routes beside the collection's own, listed in the registry, when the repository keeps one. */
async function describeInOpenApi(m: ExpressModel, bp: Blueprint, c: Collection, editor: FileEditor): Promise<string[]> {
  const reg = m.openapi;
  const base = openApiPath(c.basePath);
  const own = reg?.operations.filter((o) => o.path === base || o.path.startsWith(`${base}/`)) ?? [];
  if (!reg || own.length === 0) return [];
  const tags = propertyText(own[0]!.object, "tags") ?? "[]";
  return registerOpenApi(m, bp, editor, reg, own[0]!.file, { z: m.validation?.libraryName ?? "z", tags });
}

/**
 * The handler as the collection's routes pass theirs: a method added to the same controller class
 * when they use one (`UrlShortenerController.count`), else an inline function.
 */
async function handlerArg(controller: ReturnType<typeof controllerOf>, ep: EndpointPlan, handler: Handler, editor: FileEditor, routeFile: string): Promise<string> {
  if (!controller) {
    editor.needImports(routeFile, handler.imports);
    return arrowHandler(handler);
  }
  const { method, holder, expr, file } = controller;
  const taken = new Set(holder.members.map((x) => x.name?.getText()));
  let name = ep.role === "custom" ? "handle" : ep.role;
  for (let i = 2; taken.has(name); i += 1) name = `${ep.role}${i}`;
  const count = handler.next ? 3 : 2;
  const params = ["req", "res", "next"].slice(0, count).map((base, i) => {
    const used = i !== 0 || handler.statements.some((s) => /\breq\b/.test(s));
    const type = method.parameters[i]?.type?.getText();
    return `${used ? base : `_${base}`}${type ? `: ${type}` : ""}`;
  });
  const ret = method.type ? `: ${method.type.getText()}` : "";
  const isAsync = handler.async || !!ts.getModifiers(method)?.some((x) => x.kind === ts.SyntaxKind.AsyncKeyword);
  const code = `${isAsync ? "async " : ""}${name}(${params.join(", ")})${ret} {\n${handler.statements.join("\n")}\n}`;
  await editor.insertMember(file, holder.members[holder.members.length - 1]!, code);
  editor.needImports(file, handler.imports);
  return `${expr}.${name}`;
}
