import type { SyntaxNode } from "@lezer/common";
import { callParts, dottedName } from "../../python/syntax-tree.js";
import type { Project, PyModule } from "./python-project.js";

// Packages whose classes FastAPI code uses under their own names or re-exports.
const LIBRARIES = new Set(["fastapi", "starlette", "pydantic", "sqlmodel"]);

/**
 * Whether a dotted name in a module stands for one of FastAPI's (or pydantic's) names: `FastAPI`
 * imported from `fastapi`, `fastapi.FastAPI`, an alias `F`. A bare name the module never imports
 * counts too, for star imports.
 */
export function isLibraryName(project: Project, module: PyModule, path: string[], names: string[]): boolean {
  const ref = project.resolve(module, path);
  if (ref?.k === "external") {
    const parts = ref.qualified.split(".");
    return LIBRARIES.has(parts[0]!) && names.includes(parts[parts.length - 1]!);
  }
  return ref === undefined && path.length === 1 && names.includes(path[0]!);
}

/** The library's own name for the callable a call node invokes (`FastAPI` for `F()`), when it is one of `names`. */
export function libraryCall(project: Project, module: PyModule, node: SyntaxNode | undefined, names: string[]): string | undefined {
  const parts = node ? callParts(node) : undefined;
  const path = parts ? dottedName(module, parts.callee) : undefined;
  if (!path || !isLibraryName(project, module, path, names)) return undefined;
  const ref = project.resolve(module, path);
  return ref?.k === "external" ? ref.qualified.split(".").pop() : path[path.length - 1];
}
