import { posix } from "node:path";
import ts from "typescript";
import type { JsProject } from "../../jsts/project.js";
import { constantValue, moduleExport, originOf, propertyOf, unwrap } from "../../jsts/symbols.js";

/** A folder @fastify/autoload loads: every script file in it is a plugin. */
export interface AutoloadDir {
  /** Repository path of the folder: `routes`, `src/plugins`. */
  dir: string;
  /** `options.prefix` given to every plugin it loads. */
  prefix: string;
  /** Folder names become prefixes (autoload's default). */
  dirNamePrefix: boolean;
  /** `_id` folders become `:id` parameters. */
  routeParams: boolean;
  /** `encapsulate: false`: plugins share the parent's context. */
  shared: boolean;
}

/** One file autoload registers, with the prefix its folder (or its `autoPrefix` export) gives it. */
export interface AutoloadedFile {
  path: string;
  prefix: string;
}

const SCRIPT = /\.(?:[cm]?[jt]s)$/;
const INDEX = /^index\.(?:[cm]?[jt]s)$/;
const HOOKS = /^[_.]?auto_?hooks\.(?:[cm]?[jt]s)$/;

/** A path expression made of the file's own folder and literal parts: `join(__dirname, 'routes')`, `new URL('routes', import.meta.url)`. */
function folderOf(project: JsProject, file: string, expr: ts.Expression, depth = 0): string | undefined {
  if (depth > 6) return undefined;
  const e = unwrap(expr);
  const here = posix.dirname(file) === "." ? "" : posix.dirname(file);
  const text = e.getText();
  if (/^(__dirname|import\.meta\.dirname)$/.test(text)) return here;
  // `dirname(fileURLToPath(import.meta.url))`: the ES module's own folder.
  if (ts.isCallExpression(e) && /(^|\.)dirname$/.test(e.expression.getText()) && /import\.meta\.url/.test(text)) return here;
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
    const origin = originOf(project, e);
    if (origin !== e && ts.isExpression(origin)) return folderOf(project, file, origin, depth + 1);
    return undefined;
  }
  if (ts.isCallExpression(e) && /(^|\.)fileURLToPath$/.test(e.expression.getText()) && e.arguments[0]) return folderOf(project, file, e.arguments[0], depth + 1);
  if (ts.isNewExpression(e) && e.expression.getText() === "URL" && e.arguments?.[0]) {
    const rel = constantValue(project, e.arguments[0]);
    return typeof rel === "string" ? posix.normalize(posix.join(here, rel)).replace(/\/$/, "") : undefined;
  }
  if (ts.isCallExpression(e) && /(^|\.)(join|resolve)$/.test(e.expression.getText())) {
    const [base, ...rest] = e.arguments;
    const start = base ? folderOf(project, file, base, depth + 1) : undefined;
    if (start === undefined) return undefined;
    const parts = rest.map((a) => constantValue(project, a));
    if (parts.some((p) => typeof p !== "string")) return undefined;
    const joined = posix.normalize(posix.join(start || ".", ...(parts as string[])));
    return joined === "." ? "" : joined.replace(/\/$/, "");
  }
  return undefined;
}

/** Reads the options of `register(AutoLoad, { dir, options, … })`. */
export function readAutoload(project: JsProject, file: string, options: ts.Expression | undefined): AutoloadDir | undefined {
  const object = options ? originOf(project, unwrap(options)) : undefined;
  if (!object || !ts.isObjectLiteralExpression(object)) return undefined;
  const dirExpr = propertyOf(object, "dir");
  const dir = dirExpr && ts.isExpression(dirExpr) ? folderOf(project, file, dirExpr) : undefined;
  if (dir === undefined) return undefined;
  const inner = propertyOf(object, "options");
  const innerObject = inner && ts.isExpression(inner) ? originOf(project, unwrap(inner)) : undefined;
  const prefixNode = innerObject && ts.isObjectLiteralExpression(innerObject) ? propertyOf(innerObject, "prefix") : undefined;
  const prefix = prefixNode ? constantValue(project, prefixNode) : undefined;
  const flag = (name: string) => {
    const node = propertyOf(object, name);
    return node ? constantValue(project, node) : undefined;
  };
  return { dir, prefix: typeof prefix === "string" ? prefix.replace(/\/$/, "") : "", dirNamePrefix: flag("dirNameRoutePrefix") !== false, routeParams: flag("routeParams") === true, shared: flag("encapsulate") === false };
}

function exportedString(project: JsProject, path: string, name: string): string | undefined {
  const node = moduleExport(project, path, name);
  const v = node ? constantValue(project, node) : undefined;
  if (typeof v === "string") return v;
  // `module.exports.autoPrefix = '/x'` in CommonJS.
  const m = new RegExp(`(?:module\\.)?exports\\.${name}\\s*=\\s*['"\`]([^'"\`]*)['"\`]`).exec(project.text(path) ?? "");
  return m?.[1];
}

/** The prefix autoload gives a folder: its path under the loaded folder, or nothing. */
export function folderPrefix(auto: AutoloadDir, folder: string): string {
  const rel = folder === auto.dir ? "" : folder.slice(auto.dir.length + 1);
  if (!auto.dirNamePrefix || rel === "") return auto.prefix;
  const path = `/${rel}`;
  return auto.prefix + (auto.routeParams ? path.replace(/\/_/g, "/:") : path);
}

/**
 * The files autoload registers from a folder, as @fastify/autoload walks it: a folder with an
 * index file registers only that file (its subfolders still load), otherwise every script file.
 */
export function autoloadedFiles(project: JsProject, auto: AutoloadDir): AutoloadedFile[] {
  const under = [...project.paths].filter((p) => (auto.dir === "" || p.startsWith(`${auto.dir}/`)) && SCRIPT.test(p) && !/\.d\.[cm]?ts$/.test(p) && !/\.(test|spec)\.[cm]?[jt]s$/.test(p));
  const byFolder = new Map<string, string[]>();
  for (const p of under) byFolder.set(posix.dirname(p), [...(byFolder.get(posix.dirname(p)) ?? []), p]);
  const out: AutoloadedFile[] = [];
  for (const [folder, files] of byFolder) {
    const index = files.find((f) => INDEX.test(posix.basename(f)));
    const chosen = index ? [index] : files.filter((f) => !HOOKS.test(posix.basename(f)));
    for (const path of chosen) {
      const auto_ = exportedString(project, path, "autoPrefix");
      const override = exportedString(project, path, "prefixOverride");
      const prefix = override ?? (auto_ !== undefined ? auto.prefix + auto_ : folderPrefix(auto, folder));
      out.push({ path, prefix });
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
