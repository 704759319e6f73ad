import type { SyntaxNode } from "@lezer/common";
import { boundName, type PyImport, readImport } from "../../python/import-statements.js";
import { isPackageInit, moduleNameOf, resolveRelative } from "../../python/module-names.js";
import { assignedNames, type PySource, statementsOf } from "../../python/syntax-tree.js";

/** One parsed Python file of the repository. */
export interface PyModule extends PySource {
  path: string;
  /** Dotted name, a leading `src.` left out: `fastapi_skeleton.api.routes.router`. */
  name: string;
  isPackage: boolean;
  isTest: boolean;
  /** Top-level names bound by definitions and assignments, to the last statement binding them. */
  defs: Map<string, SyntaxNode>;
  /** Top-level names bound by imports, with the imported module made absolute. */
  imports: Map<string, PyImport>;
}

/** What a dotted name refers to. */
export type Ref =
  | { k: "module"; module: PyModule }
  | { k: "def"; module: PyModule; name: string; statement: SyntaxNode }
  /** An attribute of something the repository defines: `settings.API_PREFIX`. */
  | { k: "member"; of: { module: PyModule; name: string; statement: SyntaxNode }; names: string[] }
  /** Something from outside the repository: `fastapi.FastAPI`, `os.getenv`. */
  | { k: "external"; qualified: string };

export interface Project {
  modules: PyModule[];
  byPath: Map<string, PyModule>;
  /** Top-level package names of the repository, for telling its imports from third-party ones. */
  localPackages: Set<string>;
  /** The folder the repository's imports start from, with its slash (`backend/`), or "" for the top. */
  importRoot: string;
  /** The module name a file has or would have. */
  moduleName(path: string): string;
  findModule(name: string): PyModule | undefined;
  resolve(module: PyModule, path: string[]): Ref | undefined;
}

function absoluteImport(module: { name: string; isPackage: boolean }, entry: PyImport): PyImport {
  if (!entry.module.startsWith(".")) return entry;
  const dots = /^\.+/.exec(entry.module)![0].length;
  return { ...entry, module: resolveRelative(module.name, module.isPackage, dots, entry.module.slice(dots)), written: entry.module };
}

/** The dotted name of a file, below the folder imports start from (`src/`, or `backend/` for `backend/app/...`). */
export function moduleNameIn(path: string, importRoot: string): string {
  const below = importRoot && path.startsWith(importRoot) ? path.slice(importRoot.length) : path.replace(/^src\//, "");
  return moduleNameOf(below);
}

export function pyModule(path: string, src: PySource, isTest: boolean, importRoot = ""): PyModule {
  const name = moduleNameIn(path, importRoot);
  const isPackage = isPackageInit(path);
  const defs = new Map<string, SyntaxNode>();
  const imports = new Map<string, PyImport>();
  for (const statement of statementsOf(src.tree.topNode)) {
    if (statement.name === "ImportStatement") {
      for (const entry of readImport(src, statement).imports) imports.set(boundName(entry), absoluteImport({ name, isPackage }, entry));
      continue;
    }
    for (const bound of assignedNames(src, statement)) defs.set(bound, statement);
  }
  return { ...src, path, name, isPackage, isTest, defs, imports };
}

// Re-exports through `__init__.py` can chain; deeper chains are not worth following.
const MAX_HOPS = 8;

/**
 * The folder imports start from, read from the imports themselves: `from app.core import config`
 * answered by `backend/app/core/config.py` means `backend/`.
 */
function detectImportRoot(modules: PyModule[]): string {
  const byName = new Map(modules.map((module) => [module.name, module]));
  const counts = new Map<string, number>();
  for (const module of modules) {
    for (const entry of module.imports.values()) {
      if (entry.written?.startsWith(".")) continue;
      const wanted = [entry.name ? `${entry.module}.${entry.name}` : undefined, entry.module].filter((name): name is string => name !== undefined);
      if (wanted.some((name) => byName.has(name))) continue;
      for (const name of wanted) {
        const found = modules.find((candidate) => candidate.name.endsWith(`.${name}`));
        if (!found) continue;
        const prefix = found.name.slice(0, found.name.length - name.length - 1);
        counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
        break;
      }
    }
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return best ? `${best.replace(/\./g, "/")}/` : "";
}

/** An index of the repository's modules that resolves names across imports. */
export function pythonProject(loaded: PyModule[]): Project {
  const importRoot = detectImportRoot(loaded);
  const modules = importRoot ? loaded.map((module) => pyModule(module.path, module, module.isTest, importRoot)) : loaded;
  const byName = new Map(modules.map((module) => [module.name, module]));
  const byPath = new Map(modules.map((module) => [module.path, module]));
  const localPackages = new Set(modules.map((module) => module.name.split(".")[0]!).filter(Boolean));

  function findModule(name: string): PyModule | undefined {
    const exact = byName.get(name);
    if (exact) return exact;
    // A repository run from a subfolder (`backend/app/...` imported as `app...`).
    const matches = modules.filter((module) => module.name.endsWith(`.${name}`));
    return matches.sort((a, b) => a.name.length - b.name.length)[0];
  }

  function member(ref: Ref, names: string[], hops: number): Ref | undefined {
    if (names.length === 0) return ref;
    const [head, ...rest] = names as [string, ...string[]];
    if (ref.k === "external") return { k: "external", qualified: `${ref.qualified}.${names.join(".")}` };
    if (ref.k === "member") return { ...ref, names: [...ref.names, ...names] };
    if (ref.k === "def") return { k: "member", of: ref, names };
    const sub = findModule(`${ref.module.name}.${head}`);
    if (sub && !ref.module.defs.has(head)) return member({ k: "module", module: sub }, rest, hops);
    const inner = lookup(ref.module, head, hops + 1);
    return inner ? member(inner, rest, hops) : undefined;
  }

  function fromImport(entry: PyImport, hops: number): Ref | undefined {
    if (!entry.name) {
      // `import a.b.c` binds `a`; `import a.b as x` binds `a.b`.
      const target = entry.alias ? entry.module : entry.module.split(".")[0]!;
      const local = findModule(target);
      return local ? { k: "module", module: local } : { k: "external", qualified: target };
    }
    const sub = findModule(`${entry.module}.${entry.name}`);
    if (sub) return { k: "module", module: sub };
    const owner = findModule(entry.module);
    if (!owner) return { k: "external", qualified: `${entry.module}.${entry.name}` };
    return lookup(owner, entry.name, hops + 1);
  }

  function lookup(module: PyModule, name: string, hops: number): Ref | undefined {
    if (hops > MAX_HOPS) return undefined;
    const statement = module.defs.get(name);
    const imported = module.imports.get(name);
    if (statement) return { k: "def", module, name, statement };
    return imported ? fromImport(imported, hops) : undefined;
  }

  function resolve(module: PyModule, path: string[]): Ref | undefined {
    const [head, ...rest] = path;
    if (!head) return undefined;
    const ref = lookup(module, head, 0);
    return ref ? member(ref, rest, 0) : undefined;
  }

  const moduleName = (path: string) => moduleNameIn(path, importRoot);
  return { modules, byPath, localPackages, importRoot, moduleName, findModule, resolve };
}
