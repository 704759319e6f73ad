import { posix } from "node:path";
import { plural, singular } from "../../../../understand/inflect.js";
import type { Names } from "../../blueprint/blueprint.js";
import { namesOf } from "../../blueprint/names.js";
import { renameTokens } from "../../blueprint/rename-tokens.js";
import type { FastifyModel } from "./fastify-model.js";
import type { PluginReg } from "./plugin-registrations.js";

/** A route plugin registered in code that a new collection's plugin is written and registered like. */
export interface Sibling {
  reg: PluginReg;
  /** The sibling's own name, to swap for the new collection's. */
  names: Names;
  /** The prefix the new plugin's registration carries. */
  prefix: string;
  /** The full prefix the new plugin answers under. */
  full: string;
}

export function namesFromSegment(segment: string): Names {
  const words = segment.split(/[-_]/).filter(Boolean).map((w) => w.toLowerCase());
  const last = words[words.length - 1] ?? segment;
  return namesOf(segment, [...words.slice(0, -1), singular(last)], [...words.slice(0, -1), plural(singular(last))]);
}

function fileWord(file: string): string {
  const base = posix.basename(file).replace(/\.[cm]?[jt]s$/, "").replace(/[.-](routes?|plugin)$/i, "");
  return base === "index" ? posix.basename(posix.dirname(file)) : base;
}

/**
 * The sibling whose registration fits a new collection at `basePath`, best first: one whose prefix
 * names its collection (`register(notes, { prefix: '/notes' })` → `{ prefix: '/books' }`), one whose
 * prefix the path continues (`{ prefix: '/api/v1' }` kept), or one registered without a prefix.
 */
export function siblingFor(m: FastifyModel, basePath: string): Sibling | undefined {
  let best: (Sibling & { score: number }) | undefined;
  for (const reg of m.plugins.plugins) {
    if (reg.autoload || reg.shared || !m.routes.some((r) => r.scope.id === reg.child.id)) continue;
    const parent = m.tree.prefix.get(reg.parent.id);
    const child = m.tree.prefix.get(reg.child.id);
    if (parent === undefined || child === undefined || !(parent === "" || basePath.startsWith(`${parent}/`))) continue;
    const collection = m.collections.find((c) => c.scope.id === reg.child.id);
    const segment = collection?.basePath.split("/").filter((s) => s && !s.startsWith(":")).pop() ?? fileWord(reg.child.file);
    const names = namesFromSegment(segment);
    let fit: { prefix: string; full: string; score: number };
    if (collection && collection.basePath === child && reg.prefix !== "") fit = { prefix: basePath.slice(parent.length), full: basePath, score: 4 };
    else if (reg.prefix !== "" && basePath.startsWith(`${child}/`)) fit = { prefix: reg.prefix, full: child, score: 3 };
    else if (reg.prefix === "") fit = { prefix: "", full: parent, score: 2 };
    else fit = { prefix: basePath.slice(parent.length), full: basePath, score: 1 };
    const score = fit.score * 10 + (collection ? 5 : 0);
    if (!best || score > best.score) best = { reg, names, prefix: fit.prefix, full: fit.full, score };
  }
  if (!best) return undefined;
  const { score: _score, ...sibling } = best;
  return sibling;
}

/** The new plugin's file: the sibling's path with the names swapped, else beside it under the collection's name. */
export function siblingPath(m: FastifyModel, sibling: Sibling, to: Names): string {
  const file = sibling.reg.child.file;
  const renamed = renameTokens(file, sibling.names, to);
  const path = renamed !== file ? renamed : `${posix.dirname(file) === "." ? "" : `${posix.dirname(file)}/`}${to.kebabPlural}${posix.extname(file)}`;
  return m.project.paths.has(path) ? path.replace(/(\.[cm]?[jt]s)$/, `-routes$1`) : path;
}
