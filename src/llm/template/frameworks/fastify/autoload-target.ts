import { posix } from "node:path";
import type ts from "typescript";
import type { Blueprint, Names } from "../../blueprint/blueprint.js";
import { namesOf } from "../../blueprint/names.js";
import type { AutoloadDir } from "./autoload.js";
import type { FastifyModel } from "./fastify-model.js";
import { joinPath } from "./route-table.js";
import type { Scope } from "./scopes.js";

/** A new file in a folder @fastify/autoload loads: the folder gives its prefix, nothing registers it. */
export interface AutoloadTarget {
  dir: AutoloadDir;
  parent: Scope;
  /** The new file: `routes/dice/index.js`. */
  file: string;
  /** The full prefix autoload gives it: `/dice`. */
  prefix: string;
  /** The autoloaded plugin it is written like, with the name its folder or file gives it. */
  mirror: { fn: ts.FunctionLikeDeclaration; file: string; names: Names } | undefined;
  /** The new file's own name, for renaming the mirror's. */
  names: Names;
}

const clean = (p: string) => p.replace(/^\.?\//, "").replace(/\/+$/, "");
const wordNames = (word: string) => namesOf(word, word.split(/[-_.]/).filter(Boolean), word.split(/[-_.]/).filter(Boolean));

/** The name a plugin file goes by: its folder for an index file, else its own name. */
function fileWord(file: string): string {
  const base = posix.basename(file).replace(/\.[cm]?[jt]s$/, "");
  return base === "index" ? posix.basename(posix.dirname(file)) : base;
}

/** Whether the issue points at an autoloaded folder: names it, or a folder in it to follow. */
export function pointsAt(m: FastifyModel, bp: Blueprint, dir: AutoloadDir): boolean {
  const hints = bp.understanding.hints;
  const paths = hints.paths.map(clean).filter(Boolean);
  if (paths.some((p) => p === dir.dir || dir.dir.endsWith(`/${p}`) || p.startsWith(`${dir.dir}/`))) return true;
  const mirror = hints.mirror ? clean(hints.mirror.replace(/`/g, "")) : undefined;
  return !!mirror && [...m.project.paths].some((p) => p.startsWith(`${dir.dir}/${mirror}/`) || new RegExp(`^${dir.dir}/${mirror}\\.[cm]?[jt]s$`).test(p));
}

/**
 * Where autoload would serve a new path from: a folder named by the path's leading segments
 * under the loaded folder (`/dice/:sides` → `routes/dice/index.js`, prefix `/dice`). `forCollection`
 * prefers a folder plugin that serves a collection to write like.
 */
export function autoloadTarget(m: FastifyModel, bp: Blueprint, path: string, forCollection: boolean): AutoloadTarget | undefined {
  const withRoutes = m.plugins.autoloads.filter((a) => m.plugins.plugins.some((p) => p.autoload?.dir.dir === a.dir.dir && m.routes.some((r) => r.scope.id === p.child.id)));
  const candidates = withRoutes.length > 0 ? withRoutes : m.plugins.autoloads.filter((a) => /(^|\/)routes$/.test(a.dir.dir));
  const chosen = candidates.find((a) => pointsAt(m, bp, a.dir)) ?? candidates[0];
  if (!chosen) return undefined;
  const { dir, scope: parent } = chosen;
  const base = joinPath(m.tree.prefix.get(parent.id) ?? "", dir.prefix || "/");
  const rest = base === "/" ? path : path.startsWith(`${base}/`) ? path.slice(base.length) : undefined;
  if (rest === undefined) return undefined;
  const segments: string[] = [];
  for (const s of rest.split("/").filter(Boolean)) {
    if (s.startsWith(":")) break;
    segments.push(s);
  }
  if (segments.length === 0 || !dir.dirNamePrefix) return undefined;
  const loaded = m.plugins.plugins.filter((p) => p.autoload?.dir.dir === dir.dir && m.routes.some((r) => r.scope.id === p.child.id));
  const hinted = bp.understanding.hints.mirror ? clean(bp.understanding.hints.mirror.replace(/`/g, "")) : undefined;
  const inFolder = (p: (typeof loaded)[number]) => /(^|\/)index\.[cm]?[jt]s$/.test(p.autoload!.file) && posix.dirname(p.autoload!.file) !== dir.dir;
  const servesCollection = (p: (typeof loaded)[number]) => m.collections.some((c) => c.scope.id === p.child.id);
  const pick =
    loaded.find((p) => hinted !== undefined && fileWord(p.autoload!.file) === hinted) ??
    (forCollection ? loaded.find((p) => inFolder(p) && servesCollection(p)) : undefined) ??
    loaded.find(inFolder) ??
    loaded[0];
  const ext = pick ? posix.extname(pick.autoload!.file) : m.typescript ? ".ts" : ".js";
  const file = `${dir.dir === "" ? "" : `${dir.dir}/`}${segments.join("/")}/index${ext}`;
  if (m.project.paths.has(file)) return undefined;
  const mirror = pick?.child.fn ? { fn: pick.child.fn, file: pick.autoload!.file, names: wordNames(fileWord(pick.autoload!.file)) } : undefined;
  return { dir, parent, file, prefix: joinPath(base, `/${segments.join("/")}`), mirror, names: wordNames(segments[segments.length - 1]!) };
}
