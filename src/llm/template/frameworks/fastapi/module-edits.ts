import { boundName, type PyImport, readImport } from "../../python/import-statements.js";
import { mergeImports } from "../../python/merge-imports.js";
import { appendToModule } from "../../python/module-text.js";
import { assignedNames, parsePython, statementsOf, textOf } from "../../python/syntax-tree.js";
import type { FastapiRepo } from "./fastapi-repo.js";
import type { Workspace } from "./workspace.js";

/** Appends blocks to a file of the workspace (creating it when new) and merges the imports they need. */
export function addToModule(repo: FastapiRepo, ws: Workspace, path: string, blocks: string[], imports: PyImport[]): void {
  const before = ws.read(path) ?? "";
  const src = parsePython(before);
  const last = statementsOf(src.tree.topNode).pop();
  let text = blocks.length > 0 ? appendToModule(before, blocks, last ? { from: last.from, text: textOf(src, last) } : undefined) : before;
  const needed = repo.style.futureAnnotations && before.trim() === "" ? [{ module: "__future__", name: "annotations" }, ...imports] : imports;
  text = mergeImports(text, needed, repo.project.localPackages);
  ws.write(path, text);
}

/** Every name a module binds at its top level, for choosing names that do not collide. */
export function boundNames(text: string): Set<string> {
  const src = parsePython(text);
  const names = new Set<string>();
  for (const statement of statementsOf(src.tree.topNode)) {
    if (statement.name === "ImportStatement") readImport(src, statement).imports.forEach((entry) => names.add(boundName(entry)));
    else assignedNames(src, statement).forEach((name) => names.add(name));
  }
  return names;
}
