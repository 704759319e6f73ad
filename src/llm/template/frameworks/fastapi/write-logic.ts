import { posix } from "node:path";
import type { EndpointPlan, Expr } from "../../blueprint/blueprint.js";
import { pyIdentifier } from "../../python/identifiers.js";
import type { QuoteStyle } from "../../python/python-literal.js";
import { exprType, renderExpr } from "../../python/render-expr.js";
import type { FastapiRepo } from "./fastapi-repo.js";
import type { LogicMirror } from "./find-mirror.js";
import { moduleOfPath, projectImport } from "./import-style.js";
import { addToModule, boundNames } from "./module-edits.js";
import { anyDict, optionalType, pyType } from "./python-types.js";
import { renameLike } from "./rename-like.js";
import type { Workspace } from "./workspace.js";

export interface LogicCall {
  path: string;
  /** The handler's call: `main_func_c(word)`. */
  call: string;
  /** The import that brings it into the router module. */
  importFrom: { module: string; name: string; alias?: string };
}

/**
 * Writes a custom endpoint's computation into a module of its own, mirroring the module the
 * mirrored route calls (`app/apis/api_a/mainmod.py` → `app/apis/api_c/mainmod.py`).
 */
export function writeLogic(
  repo: FastapiRepo,
  ws: Workspace,
  endpoint: EndpointPlan,
  expr: Expr,
  mirror: { name: string; logic: LogicMirror },
  newName: string,
  routerPath: string,
  quote: QuoteStyle,
  constant: (target: string) => (file: string, name: string) => string,
): LogicCall {
  const source = mirror.logic.module;
  const parts = source.path.split("/");
  const path = parts.map((part) => (part === mirror.name ? newName : part.replace(/\.py$/, "") === mirror.name ? `${newName}.py` : part)).join("/");
  const inputs = [...endpoint.params, ...endpoint.query];
  const params = inputs.map((param) => {
    const type = pyType(param.type, {}, repo.style, quote);
    const annotation = param.required || param.in === "path" ? type : optionalType(type, repo.style);
    return { name: pyIdentifier(param.name), annotation };
  });
  const rendered = renderExpr(expr, { quote, input: (name) => pyIdentifier(name), constant: constant(path), indent: "    " });
  const returns = exprType(expr) === "object" ? anyDict(repo.style) : pyType(exprType(expr), {}, repo.style, quote);
  const signature = `def ${mirror.logic.func}(${params.map((p) => `${p.name}: ${p.annotation.code}`).join(", ")}) -> ${returns.code}:`;
  const block = [...rendered.prelude, ...(rendered.prelude.length > 0 ? ["", ""] : []), signature, `    return ${rendered.code}`].join("\n");
  addToModule(repo, ws, path, [block], [...params.flatMap((p) => p.annotation.imports), ...returns.imports, ...rendered.imports]);
  // A package folder gets its `__init__.py` when the mirrored one has one.
  const dir = posix.dirname(path);
  const mirrorInit = posix.join(posix.dirname(source.path), "__init__.py");
  if (dir !== posix.dirname(source.path) && repo.files.has(mirrorInit) && !ws.exists(posix.join(dir, "__init__.py"))) ws.write(posix.join(dir, "__init__.py"), "");
  const clashes = boundNames(ws.read(routerPath) ?? "").has(mirror.logic.func);
  const alias =
    (mirror.logic.local !== mirror.logic.func ? renameLike(mirror.logic.local, mirror.name, newName) : undefined) ??
    (clashes || mirror.logic.local !== mirror.logic.func ? `${mirror.logic.func}_${pyIdentifier(newName)}` : undefined);
  const local = alias ?? mirror.logic.func;
  const entry = projectImport(repo, routerPath, moduleOfPath(repo, path).name, mirror.logic.func, alias);
  return { path, call: `${local}(${params.map((p) => p.name).join(", ")})`, importFrom: { module: entry.module, name: entry.name!, ...(alias ? { alias } : {}) } };
}
