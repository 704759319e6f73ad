import ts from "typescript";
import type { Names } from "../../blueprint/blueprint.js";
import { renameTokens } from "../../blueprint/rename-tokens.js";
import { unwrap } from "../../jsts/symbols.js";
import type { FastifyModel } from "./fastify-model.js";
import { topLevelOf } from "./placement.js";

const ROUTES = "__ARCHON_ROUTES__";

/** A new plugin file's frame: its header and the plugin function around the routes. */
export interface PluginFrame {
  /** Package imports to keep (pruned to what the new file uses), and a `'use strict'` directive. */
  head: string[];
  /** The plugin's statements, with `ROUTES` where its routes go. */
  plugin: string;
  /** The plugin function's first parameter: what routes are registered on. */
  receiver: string;
  /** How another file imports the plugin: `default`, `*` (`module.exports =`), or an exported name. */
  exportName: string;
  /** The name the plugin is bound to, when it is: `bookRoutes`. */
  binding: string | undefined;
}

/** Puts the routes into a frame. */
export function fillFrame(frame: PluginFrame, routes: string[]): string {
  return frame.plugin.replace(ROUTES, routes.join("\n\n"));
}

function bindingOf(statement: ts.Statement, fn: ts.FunctionLikeDeclaration): string | undefined {
  if (ts.isFunctionDeclaration(statement) && statement.name) return statement.name.text;
  if (ts.isVariableStatement(statement)) {
    const d = statement.declarationList.declarations.find((x) => x.initializer && x.initializer.getStart() <= fn.getStart() && x.initializer.getEnd() >= fn.getEnd());
    if (d && ts.isIdentifier(d.name)) return d.name.text;
  }
  return undefined;
}

/** The export of a bound plugin: `export default noteRoutes;`, `module.exports = choreRoutes;`. */
function exportStatement(file: ts.SourceFile, name: string): ts.Statement | undefined {
  return file.statements.find((s) => (ts.isExportAssignment(s) && unwrap(s.expression).getText() === name) || (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.left.getText() === "module.exports" && unwrap(s.expression.right).getText() === name));
}

/**
 * The frame of a sibling plugin file with its routes taken out and its names swapped:
 * `export default async function example (fastify) {…}` becomes `… function dice (fastify) {…}`.
 */
export function frameFrom(fn: ts.FunctionLikeDeclaration, from: Names, to: Names): PluginFrame | undefined {
  if (!fn.body || !ts.isBlock(fn.body)) return undefined;
  const file = fn.getSourceFile();
  const top = topLevelOf(fn);
  const text = top.getText();
  const offset = top.getStart();
  const plugin = `${text.slice(0, fn.body.getStart() + 1 - offset)}\n${ROUTES}\n${text.slice(fn.body.getEnd() - 1 - offset)}`;
  const binding = bindingOf(top, fn);
  const exported = binding ? exportStatement(file, binding) : undefined;
  const head: string[] = [];
  for (const s of file.statements) {
    if (ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression) && s.expression.text === "use strict") head.push(s.getText());
    const spec = ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : ts.isVariableStatement(s) ? /require\(\s*['"]([^'"]+)['"]\s*\)/.exec(s.getText())?.[1] : undefined;
    if (spec && !spec.startsWith(".")) head.push(s.getText());
  }
  const isDefault = /^export\s+default\b/.test(text) || (!!exported && ts.isExportAssignment(exported));
  const isCommonJs = /^module\.exports\s*=/.test(text) || (!!exported && !ts.isExportAssignment(exported));
  const named = /^export\s/.test(text) && !isDefault && binding ? renameTokens(binding, from, to) : undefined;
  const rest = exported ? `\n\n${renameTokens(exported.getText(), from, to)}` : "";
  const p = fn.parameters[0];
  return {
    head,
    plugin: `${renameTokens(plugin, from, to)}${rest}`,
    receiver: p && ts.isIdentifier(p.name) ? p.name.text : "fastify",
    exportName: isDefault ? "default" : isCommonJs ? "*" : (named ?? "default"),
    binding: binding ? renameTokens(binding, from, to) : undefined,
  };
}

/** A plugin file of the usual shape, for a repository that has none to copy. */
export function defaultFrame(m: FastifyModel, to: Names): PluginFrame {
  const name = `${to.camelSingular}Routes`;
  if (m.typescript) {
    return { head: ["import type { FastifyPluginAsync } from 'fastify';"], plugin: `const ${name}: FastifyPluginAsync = async (fastify) => {\n${ROUTES}\n};\n\nexport default ${name};`, receiver: "fastify", exportName: "default", binding: name };
  }
  if (m.esm) return { head: [], plugin: `export default async function ${name}(fastify) {\n${ROUTES}\n}`, receiver: "fastify", exportName: "default", binding: name };
  return { head: ["'use strict';"], plugin: `async function ${name}(fastify) {\n${ROUTES}\n}\n\nmodule.exports = ${name};`, receiver: "fastify", exportName: "*", binding: name };
}
