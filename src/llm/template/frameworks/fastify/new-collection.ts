import type { Blueprint } from "../../blueprint/blueprint.js";
import type { FileEditor } from "../../jsts/file-editor.js";
import type { ImportNeed } from "../../jsts/imports.js";
import type { Result } from "../framework.js";
import { autoloadTarget } from "./autoload-target.js";
import { collectionCode } from "./collection-code.js";
import type { FastifyModel } from "./fastify-model.js";
import { namesIn, routeForm, schemasAsConstants } from "./file-conventions.js";
import { createPluginFile } from "./new-plugin-file.js";
import { receiverIn, routeAnchor, scopeFor, topLevelOf } from "./placement.js";
import { defaultFrame, frameFrom, type PluginFrame } from "./plugin-file.js";
import { registerPlugin } from "./register-plugin.js";
import type { RouteTarget } from "./render-route.js";
import { siblingFor, siblingPath } from "./sibling-plugin.js";

/** How the routes of a new collection are written: in an existing file, or in a new one around `frame`. */
function target(m: FastifyModel, receiver: string, file: string | undefined, frame?: PluginFrame): RouteTarget {
  const taken = file ? namesIn(m, file) : new Set([receiver, ...(frame?.binding ? [frame.binding] : [])]);
  return { receiver, local: "/", form: file ? routeForm(m, file) : "shorthand", decls: file ? schemasAsConstants(m, file) : true, taken, declared: new Map(), idInSchema: true, guard: undefined };
}

/** A folder of its own under the autoloaded routes: autoload registers it, its name is the prefix. */
async function inAutoloadFolder(m: FastifyModel, bp: Blueprint, editor: FileEditor): Promise<Result<string[]> | undefined> {
  const r = bp.resource!;
  const auto = autoloadTarget(m, bp, r.basePath, true);
  if (!auto) return undefined;
  const frame = auto.mirror ? frameFrom(auto.mirror.fn, auto.mirror.names, auto.names) : undefined;
  const f = frame ?? defaultFrame(m, r.names);
  const needs: ImportNeed[] = [];
  const code = collectionCode(m, bp, target(m, f.receiver, undefined, f), auto.prefix, auto.parent, auto.file, (n) => needs.push(...n));
  if (!code.ok) return code;
  createPluginFile(m, editor, { path: auto.file, frame: f, before: [...code.value.decls, ...code.value.store], routes: code.value.routes, needs: [...needs, ...code.value.needs] });
  return { ok: true, value: [`Wrote the ${r.names.pluralWords} routes in \`${auto.file}\`${auto.mirror ? `, like \`${auto.mirror.file}\`` : ""}, kept in memory; @fastify/autoload loads it from \`${auto.dir.dir}/\` and its folder gives it the \`${auto.prefix}\` prefix.`] };
}

/** A plugin file beside a sibling route plugin, registered where and as the sibling is. */
async function besideSibling(m: FastifyModel, bp: Blueprint, editor: FileEditor): Promise<Result<string[]> | undefined> {
  const r = bp.resource!;
  const sibling = siblingFor(m, r.basePath);
  if (!sibling) return undefined;
  const path = siblingPath(m, sibling, r.names);
  const frame = (sibling.reg.child.fn ? frameFrom(sibling.reg.child.fn, sibling.names, r.names) : undefined) ?? defaultFrame(m, r.names);
  const needs: ImportNeed[] = [];
  const code = collectionCode(m, bp, target(m, frame.receiver, undefined, frame), sibling.full, sibling.reg.parent, path, (n) => needs.push(...n));
  if (!code.ok) return code;
  createPluginFile(m, editor, { path, frame, before: [...code.value.decls, ...code.value.store], routes: code.value.routes, needs: [...needs, ...code.value.needs] });
  const written = await registerPlugin(m, editor, { parent: sibling.reg.parent, file: sibling.reg.file, plugin: path, frame, prefix: sibling.prefix, sibling: sibling.reg, from: sibling.names, to: r.names });
  if (!written) return { ok: false, decline: { reason: `I could not find where to register the new ${r.names.pluralWords} plugin in \`${sibling.reg.file}\`.` } };
  return { ok: true, value: [`Wrote the ${r.names.pluralWords} routes in \`${path}\`, like \`${sibling.reg.child.file}\`, kept in memory.`, `Registered it in \`${sibling.reg.file}\` as \`${sibling.reg.child.file}\` is${sibling.prefix ? `, with the \`${sibling.prefix}\` prefix` : ""}, so it answers at \`${r.basePath}\`.`] };
}

/** The routes added to the one plugin that holds all of the repository's routes. */
async function inRoutesPlugin(m: FastifyModel, bp: Blueprint, editor: FileEditor): Promise<Result<string[]>> {
  const r = bp.resource!;
  const { scope } = scopeFor(m, r.basePath);
  const file = m.routes.find((x) => x.scope.id === scope.id)?.file ?? scope.file;
  const receiver = receiverIn(m, scope, file);
  const full = m.tree.prefix.get(scope.id) ?? "";
  const code = collectionCode(m, bp, target(m, receiver, file), full, scope, file, (n) => editor.needImports(file, n));
  if (!code.ok) return code;
  editor.needImports(file, code.value.needs);
  const top = topLevelOf(scope.fn && scope.file === file ? scope.fn : (m.routes.find((x) => x.scope.id === scope.id)?.statement ?? scope.creation!));
  await editor.insertBefore(file, top, [...code.value.decls, ...code.value.store].join("\n\n"));
  for (const [i, ep] of bp.endpoints.entries()) {
    const anchor = routeAnchor(m, scope, file, ep.path.slice(full.length) || "/");
    if (!anchor) return { ok: false, decline: { reason: `I could not find where routes are registered in \`${file}\`.` } };
    if (anchor.kind === "before") await editor.insertBefore(file, anchor.node, code.value.routes[i]!);
    else await editor.insertAfter(file, anchor.node, code.value.routes[i]!);
  }
  return { ok: true, value: [`Added the ${r.names.pluralWords} routes to \`${file}\`, where the repository keeps its routes, with a Map of their own in memory.`] };
}

/** A new collection: under the autoloaded folder, beside a sibling route plugin, or in the one routes plugin. */
export async function newCollection(m: FastifyModel, bp: Blueprint, editor: FileEditor): Promise<Result<string[]>> {
  return (await inAutoloadFolder(m, bp, editor)) ?? (await besideSibling(m, bp, editor)) ?? inRoutesPlugin(m, bp, editor);
}
