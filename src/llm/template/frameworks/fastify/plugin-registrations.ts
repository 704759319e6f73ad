import ts from "typescript";
import type { JsProject } from "../../jsts/project.js";
import { constantString, originOf, propertyOf, statementOf, unwrap, walk } from "../../jsts/symbols.js";
import { type AutoloadDir, autoloadedFiles, readAutoload } from "./autoload.js";
import { modulePlugin, pluginOf } from "./plugin-ref.js";
import { appFiles, type Scope, type Scopes } from "./scopes.js";

/** `parent.register(child, { prefix })`, written in code or done by @fastify/autoload for a file. */
export interface PluginReg {
  parent: Scope;
  child: Scope;
  /** The prefix the registration adds, `""` for none. */
  prefix: string;
  /** fastify-plugin (or `encapsulate: false`): the child works in its parent's context, with its prefix. */
  shared: boolean;
  /** The file the registration is written in. */
  file: string;
  call: ts.CallExpression;
  statement: ts.Statement;
  /** The plugin argument, as written; undefined for autoloaded files. */
  pluginArg: ts.Expression | undefined;
  /** The options argument, as written. */
  optionsArg: ts.Expression | undefined;
  /** For autoloaded plugins: the folder, and the file the plugin is. */
  autoload?: { dir: AutoloadDir; file: string };
}

/** A package registered as a plugin: `@fastify/sensible`, `@fastify/cors`. */
export interface PackageUse {
  /** The scope it is registered in; a fastify-plugin scope shares it with its parent. */
  scope: Scope;
  pkg: string;
  file: string;
  statement: ts.Statement;
}

export interface PluginRegistrations {
  plugins: PluginReg[];
  packages: PackageUse[];
  autoloads: { scope: Scope; dir: AutoloadDir; file: string; statement: ts.Statement }[];
  /** Plugins fastify-cli starts from (no `Fastify()` in the sources). */
  roots: Scope[];
}

const START = /\bfastify\s+start\b[^&|;]*?\s([\w./-]+\.[cm]?[jt]s)\b/;

/**
 * The plugin an app run by fastify-cli exports (`fastify start app.js`): the root of its tree, since
 * the sources never call `Fastify()` themselves.
 */
function cliRoots(project: JsProject, scopes: Scopes): Scope[] {
  const scripts = Object.values(project.packageJson?.scripts ?? {});
  const named = scripts.map((s) => START.exec(s)?.[1]).filter((s): s is string => s !== undefined);
  const main = typeof project.packageJson?.main === "string" ? [project.packageJson.main] : [];
  const candidates = [...named.flatMap((p) => [p, p.replace(/^(dist|build)\//, "src/").replace(/\.js$/, ".ts")]), ...main, "app.js", "app.ts", "src/app.js", "src/app.ts"].map((p) => p.replace(/^\.\//, ""));
  for (const path of candidates) {
    if (!project.sources.includes(path)) continue;
    const ref = modulePlugin(project, path);
    if (ref?.kind === "function" && ref.fn.parameters.length > 0) return [scopes.plugin(ref.fn)];
  }
  return [];
}

/** Every `register` of the sources, and what autoload registers from its folders. */
export function findPluginRegistrations(project: JsProject, scopes: Scopes): PluginRegistrations {
  const out: PluginRegistrations = { plugins: [], packages: [], autoloads: [], roots: [] };
  const hasApp = scopes.all.some((s) => s.kind === "app");
  if (!hasApp) out.roots = cliRoots(project, scopes);
  for (const file of appFiles(project)) {
    walk(file, (node) => {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== "register") return;
      const [arg, options] = node.arguments;
      if (!arg) return;
      const parents = scopes.of(node.expression.expression);
      if (parents.length === 0) return;
      const ref = pluginOf(project, arg);
      if (!ref) return;
      const path = project.pathOf(node);
      const statement = statementOf(node);
      for (const parent of parents) {
        if (ref.kind === "package") out.packages.push({ scope: parent, pkg: ref.pkg, file: path, statement });
        else if (ref.kind === "autoload") autoload(parent, node, options, path, statement);
        else out.plugins.push({ parent, child: scopes.plugin(ref.fn), prefix: prefixOption(project, options), shared: ref.shared, file: path, call: node, statement, pluginArg: arg, optionsArg: options });
      }
    });
  }

  function autoload(parent: Scope, call: ts.CallExpression, options: ts.Expression | undefined, path: string, statement: ts.Statement): void {
    const dir = readAutoload(project, path, options);
    if (!dir) return;
    out.autoloads.push({ scope: parent, dir, file: path, statement });
    for (const loaded of autoloadedFiles(project, dir)) {
      const ref = modulePlugin(project, loaded.path);
      if (ref?.kind === "package") out.packages.push({ scope: parent, pkg: ref.pkg, file: loaded.path, statement });
      if (ref?.kind !== "function") continue;
      const child = scopes.plugin(ref.fn);
      out.plugins.push({ parent, child, prefix: ref.shared || dir.shared ? "" : loaded.prefix, shared: ref.shared || dir.shared, file: path, call, statement, pluginArg: undefined, optionsArg: options, autoload: { dir, file: loaded.path } });
    }
  }

  return out;
}

function prefixOption(project: JsProject, options: ts.Expression | undefined): string {
  if (!options) return "";
  const object = originOf(project, unwrap(options));
  if (!ts.isObjectLiteralExpression(object)) return "";
  const prefix = propertyOf(object, "prefix");
  return (prefix && constantString(project, prefix)) ?? "";
}
