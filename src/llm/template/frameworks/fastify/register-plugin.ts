import ts from "typescript";
import type { Names } from "../../blueprint/blueprint.js";
import { renameTokens } from "../../blueprint/rename-tokens.js";
import type { FileEditor } from "../../jsts/file-editor.js";
import { specifierFor } from "../../jsts/imports.js";
import { constantString, isRequireCall, unwrap } from "../../jsts/symbols.js";
import type { FastifyModel } from "./fastify-model.js";
import { receiverIn, registrationAnchor } from "./placement.js";
import type { PluginFrame } from "./plugin-file.js";
import type { PluginReg } from "./plugin-registrations.js";
import type { Scope } from "./scopes.js";

/** A registration to write: the new plugin file, the scope that registers it, and the prefix it needs. */
export interface NewRegistration {
  parent: Scope;
  /** The file the registration is written in. */
  file: string;
  plugin: string;
  frame: PluginFrame;
  prefix: string;
  /** The registration copied, when a sibling plugin is registered the same way. */
  sibling: PluginReg | undefined;
  from: Names | undefined;
  to: Names;
}

function options(m: FastifyModel, sibling: PluginReg | undefined, prefix: string): string | undefined {
  const arg = sibling?.optionsArg ? unwrap(sibling.optionsArg) : undefined;
  const entries: string[] = [];
  let placed = false;
  if (arg && ts.isObjectLiteralExpression(arg)) {
    for (const p of arg.properties) {
      if (p.name?.getText() !== "prefix") {
        entries.push(p.getText());
        continue;
      }
      placed = true;
      if (prefix === "") continue;
      // `{ prefix: API_PREFIX }` keeps its constant when the value is the same.
      const value = ts.isPropertyAssignment(p) ? p.initializer : undefined;
      const same = value && !ts.isStringLiteralLike(value) && constantString(m.project, value) === prefix;
      entries.push(`prefix: ${same ? value.getText() : JSON.stringify(prefix)}`);
    }
  }
  if (!placed && prefix !== "") entries.push(`prefix: ${JSON.stringify(prefix)}`);
  return entries.length > 0 ? `{ ${entries.join(", ")} }` : undefined;
}

/** The plugin argument: `require('./routes/books')` inline as the sibling's, else an imported name. */
function pluginArg(m: FastifyModel, editor: FileEditor, reg: NewRegistration): string {
  const arg = reg.sibling?.pluginArg ? unwrap(reg.sibling.pluginArg) : undefined;
  const style = { esm: m.esm, extension: m.importExtension, typescript: m.typescript, singleQuote: m.style.options.singleQuote === true, semi: m.style.options.semi !== false };
  if (arg && isRequireCall(arg)) return `require(${JSON.stringify(specifierFor(m.project, style, reg.file, reg.plugin))})`;
  const siblingLocal = arg && ts.isIdentifier(arg) ? arg.text : undefined;
  let local = siblingLocal && reg.from ? renameTokens(siblingLocal, reg.from, reg.to) : (reg.frame.binding ?? `${reg.to.camelSingular}Routes`);
  if (local === siblingLocal) local = reg.frame.binding ?? `${reg.to.camelSingular}Routes`;
  const exportName = reg.frame.exportName === "*" ? (m.esm ? "default" : "*") : reg.frame.exportName;
  editor.needImports(reg.file, [{ module: reg.plugin, name: exportName, local: exportName === "default" || exportName === "*" ? local : exportName }]);
  return exportName === "default" || exportName === "*" ? local : exportName;
}

/** Registers a new plugin where and as its sibling is registered, before `ready()`. */
export async function registerPlugin(m: FastifyModel, editor: FileEditor, reg: NewRegistration): Promise<string | undefined> {
  const sibling = reg.sibling && !reg.sibling.autoload && reg.sibling.file === reg.file ? reg.sibling : undefined;
  const receiver = sibling && ts.isPropertyAccessExpression(sibling.call.expression) ? sibling.call.expression.expression.getText() : receiverIn(m, reg.parent, reg.file);
  const awaited = sibling ? /^\s*await\b/.test(sibling.statement.getText()) : m.calls.lifecycle.some((l) => l.file === reg.file && /^\s*await\b/.test(l.statement.getText()));
  const arg = pluginArg(m, editor, { ...reg, sibling });
  const opts = options(m, sibling, reg.prefix);
  const code = `${awaited ? "await " : ""}${receiver}.register(${[arg, ...(opts ? [opts] : [])].join(", ")});`;
  const anchor = sibling ? { kind: "after" as const, node: sibling.statement } : registrationAnchor(m, reg.parent, reg.file);
  if (!anchor) return undefined;
  if (anchor.kind === "before") await editor.insertBefore(reg.file, anchor.node, code);
  else await editor.insertAfter(reg.file, anchor.node, code);
  return code;
}
