import type { FileEditor } from "../../jsts/file-editor.js";
import type { ImportNeed } from "../../jsts/imports.js";
import { pruneHeader } from "../../jsts/prune-header.js";
import type { FastifyModel } from "./fastify-model.js";
import { fillFrame, type PluginFrame } from "./plugin-file.js";

/** A plugin file to create: its frame, what comes before the plugin, and its routes. */
export interface NewPluginFile {
  path: string;
  frame: PluginFrame;
  /** Module-level code before the plugin: schemas, then the store. */
  before: string[];
  routes: string[];
  needs: ImportNeed[];
}

/** Names an import statement binds. */
function bound(header: string): Set<string> {
  const names = new Set<string>();
  for (const m of header.matchAll(/\b(?:import\s+(?:type\s+)?([A-Za-z_$][\w$]*)|(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require)/g)) names.add((m[1] ?? m[2])!);
  for (const m of header.matchAll(/\{([^}]*)\}/g)) for (const part of m[1]!.split(",")) names.add(part.trim().replace(/^type\s+/, "").split(/\s+as\s+|\s*:\s*/).pop()!.trim());
  return names;
}

/** Writes a new plugin file: the sibling's imports it still uses, the rest imported in the file's style. */
export function createPluginFile(m: FastifyModel, editor: FileEditor, f: NewPluginFile): void {
  const body = [...f.before, fillFrame(f.frame, f.routes)].filter((s) => s !== "").join("\n\n");
  const header = pruneHeader(f.frame.head.join("\n"), body, m.typescript);
  const taken = bound(header);
  const needs = f.needs.filter((n) => !taken.has(n.local));
  editor.create(f.path, body, needs, header ? header.split("\n") : []);
}
