import ts from "typescript";
import type { JsProject } from "../../jsts/project.js";
import { functionOf, moduleExport, originOf, packageRef, unwrap } from "../../jsts/symbols.js";

/**
 * What `register(x)` registers: a plugin function of the repository's own (`shared` when
 * fastify-plugin wraps it, so it works in its parent's context), @fastify/autoload, or another package.
 */
export type PluginRef =
  | { kind: "function"; fn: ts.FunctionLikeDeclaration; shared: boolean }
  | { kind: "autoload" }
  | { kind: "package"; pkg: string };

function isFastifyPlugin(project: JsProject, call: ts.CallExpression): boolean {
  return packageRef(project, call.expression)?.pkg === "fastify-plugin";
}

/** A plugin as a value: a function, `fp(fn)`, or what a module exports. */
export function pluginOf(project: JsProject, expr: ts.Node): PluginRef | undefined {
  const e = ts.isExpression(expr) ? unwrap(expr) : expr;
  const ref = packageRef(project, e);
  if (ref) return ref.pkg === "@fastify/autoload" ? { kind: "autoload" } : { kind: "package", pkg: ref.pkg };
  const origin = originOf(project, e);
  if (ts.isCallExpression(origin)) {
    const inner = origin.arguments[0];
    if (isFastifyPlugin(project, origin) && inner) {
      const fn = functionOf(project, inner);
      return fn ? { kind: "function", fn, shared: true } : undefined;
    }
    // `import('./routes.js')` registers what the module exports by default.
    if (origin.expression.kind === ts.SyntaxKind.ImportKeyword && inner && ts.isStringLiteralLike(inner)) {
      const path = project.resolveModule(project.pathOf(origin), inner.text);
      const value = path ? moduleExport(project, path, "default") : undefined;
      return value ? pluginOf(project, value) : undefined;
    }
  }
  const fn = functionOf(project, origin);
  return fn ? { kind: "function", fn, shared: false } : undefined;
}

/** The plugin a module exports (`export default`, `module.exports =`), for autoloaded files. */
export function modulePlugin(project: JsProject, path: string): PluginRef | undefined {
  const value = moduleExport(project, path, "default") ?? moduleExport(project, path, "export=");
  return value ? pluginOf(project, value) : undefined;
}
