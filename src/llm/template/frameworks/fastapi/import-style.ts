import type { PyImport } from "../../python/import-statements.js";
import { relativeModule, topPackage } from "../../python/module-names.js";
import type { FastapiRepo } from "./fastapi-repo.js";
import type { PyModule } from "./python-project.js";

/** The module a file will have, whether it exists yet or not. */
export function moduleOfPath(repo: FastapiRepo, path: string): { name: string; isPackage: boolean } {
  return { name: repo.project.moduleName(path), isPackage: /(^|\/)__init__\.py$/.test(path) };
}

/**
 * An import of `name` from the project's module `module`, spelled the way the repository spells its
 * own imports: `from app.core import config` or `from ..core import config`.
 */
export function projectImport(repo: FastapiRepo, fromPath: string, module: string, name?: string, alias?: string): PyImport {
  const from = moduleOfPath(repo, fromPath);
  const local = repo.project.localPackages.has(topPackage(module)) || module === "";
  const relative = name !== undefined && local && repo.style.imports === "relative" && topPackage(from.name) === topPackage(module);
  const spelled = relative ? relativeModule(from.name, from.isPackage, module) : module;
  return { module: spelled, ...(name ? { name } : {}), ...(alias ? { alias } : {}) };
}

/**
 * How `name`, as bound in `source`, is imported into the file at `toPath`: its own import restyled
 * for the new place, or an import of the definition. Undefined for builtins.
 */
export function portBinding(repo: FastapiRepo, source: PyModule, name: string, toPath: string): PyImport | undefined {
  const imported = source.imports.get(name);
  if (imported) {
    if (!imported.name) return imported;
    const local = repo.project.localPackages.has(topPackage(imported.module));
    return local ? projectImport(repo, toPath, imported.module, imported.name, imported.alias) : imported;
  }
  if (source.defs.has(name) && source.path !== toPath) return projectImport(repo, toPath, source.name, name);
  return undefined;
}
