import type { RepoView } from "../../../../domain/forge.js";
import { isIgnoredPath, isTestPath } from "../../../../repo/source-files.js";
import { parsePython } from "../../python/syntax-tree.js";
import { type PyModule, pyModule } from "./python-project.js";

// Enough for any service the template provider writes into; a monorepo beyond this is read in part.
const MAX_FILES = 300;
const MAX_BYTES = 2_000_000;

function isTestModule(path: string): boolean {
  return isTestPath(path) || /(^|\/)conftest\.py$/.test(path);
}

/** Parses the repository's Python files, application code first, within the size caps. */
export async function loadModules(repo: RepoView): Promise<{ modules: PyModule[]; files: Set<string> }> {
  const entries = (await repo.files()).filter((entry) => !isIgnoredPath(entry.path));
  const python = entries.filter((entry) => entry.path.endsWith(".py"));
  const ordered = [...python.filter((entry) => !isTestModule(entry.path)), ...python.filter((entry) => isTestModule(entry.path))];
  const modules: PyModule[] = [];
  let bytes = 0;
  for (const entry of ordered) {
    if (modules.length >= MAX_FILES || bytes + entry.size > MAX_BYTES) break;
    const text = await repo.read(entry.path);
    if (text === undefined) continue;
    bytes += entry.size;
    modules.push(pyModule(entry.path, parsePython(text), isTestModule(entry.path)));
  }
  return { modules, files: new Set(entries.map((entry) => entry.path)) };
}
