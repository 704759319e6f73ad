import { posix } from "node:path";
import ts from "typescript";
import type { Blueprint, Names, ResourcePlan } from "../../blueprint/blueprint.js";
import { plural, singular } from "../../../../understand/inflect.js";
import { namesOf } from "../../blueprint/names.js";
import { renameTokens } from "../../blueprint/rename-tokens.js";
import { functionOf, originOf, unwrap } from "../../jsts/symbols.js";
import type { Collection } from "./collections.js";
import type { ExpressModel } from "./express-model.js";
import type { MountReg } from "./registrations.js";

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

/** The new feature's files, one per role as the sibling has them. */
export interface FeatureFiles {
  router: string;
  controller: string;
  service: string;
  schemas: string | undefined;
}

/** A new feature laid out as its sibling: the resource, the name its files spell, its files and its types. */
export interface NewFeature {
  resource: ResourcePlan;
  /** The feature's name as its files spell it, in place of the sibling's stem. */
  to: Names;
  files: FeatureFiles;
  /** The item type: `Tag`. */
  item: string;
  /** The id's TypeScript type. */
  idTs: "number" | "string";
  typescript: boolean;
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

/** The new feature's names and files: each of the sibling's files with the sibling's name swapped for the resource's. */
export function newFeatureLayout(m: ExpressModel, bp: Blueprint, sib: FeatureSibling): NewFeature {
  const r = bp.resource!;
  const to = namesOf(r.names.kebabPlural, r.names.kebabPlural.split("-"), r.names.kebabPlural.split("-"));
  const path = (file: string) => renameTokens(file, sib.stem, to);
  const files = { router: path(sib.router), controller: path(sib.controller.file), service: path(sib.service.file), schemas: sib.schemas ? path(sib.schemas) : undefined };
  return { resource: r, to, files, item: r.names.pascalSingular, idTs: r.idType === "integer" ? "number" : "string", typescript: m.typescript };
}

/** The line exporting a new instance the way the sibling's file exports its own. */
export const exportLine = (text: string, cls: string, local: string) => (/module\.exports\s*=\s*new\b/.test(text) ? `module.exports = new ${cls}();` : /export\s+default\s+new\b/.test(text) ? `export default new ${cls}();` : `export const ${local} = new ${cls}();`);
