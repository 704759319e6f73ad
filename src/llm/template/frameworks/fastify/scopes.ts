import ts from "typescript";
import { isTestPath } from "../../../../repo/source-files.js";
import type { JsProject } from "../../jsts/project.js";
import { functionOf, originOf, packageRef, unwrap, walk } from "../../jsts/symbols.js";

/**
 * A Fastify instance as code sees it: an app made by `Fastify()`, or a plugin function, whose
 * first parameter is the instance of its own encapsulated context.
 */
export interface Scope {
  id: number;
  kind: "app" | "plugin";
  file: string;
  /** `Fastify()`, `require('fastify')()`, for an app. */
  creation?: ts.CallExpression;
  /** The plugin function, for a plugin. */
  fn?: ts.FunctionLikeDeclaration;
  /** The name routes are registered on: the app's variable, or the plugin's first parameter. */
  name: string;
}

export interface Scopes {
  all: Scope[];
  /** Which scopes a receiver expression (`app`, `fastify`, a factory's result) can be. */
  of(receiver: ts.Expression): Scope[];
  /** The scope of a plugin function, made the first time it is asked for. */
  plugin(fn: ts.FunctionLikeDeclaration): Scope;
}

/** Whether a call makes a Fastify app: `Fastify()`, `fastify()`, `require('fastify')()`, `fastify.fastify()`. */
export function isAppCreation(project: JsProject, call: ts.CallExpression): boolean {
  const ref = packageRef(project, call.expression);
  return !!ref && ref.pkg === "fastify" && (ref.path.length === 0 || (ref.path.length === 1 && /^(default|fastify)$/.test(ref.path[0]!)));
}

function variableName(call: ts.CallExpression): string {
  let n: ts.Node = call.parent;
  while (n && (ts.isAwaitExpression(n) || ts.isParenthesizedExpression(n) || ts.isAsExpression(n))) n = n.parent;
  if (n && ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) return n.name.text;
  return "app";
}

function firstParameterName(fn: ts.FunctionLikeDeclaration): string {
  const p = fn.parameters[0];
  return p && ts.isIdentifier(p.name) ? p.name.text : "fastify";
}

function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n) && "body" in n) return n as ts.FunctionLikeDeclaration;
  return undefined;
}

/** Calls of the repository's own functions, by function: how `addRoutes(app)` reaches a helper's parameter. */
function callSites(project: JsProject, files: ts.SourceFile[]): Map<ts.Node, ts.CallExpression[]> {
  const index = new Map<ts.Node, ts.CallExpression[]>();
  for (const file of files) {
    walk(file, (node) => {
      if (!ts.isCallExpression(node) || node.arguments.length === 0) return;
      const fn = functionOf(project, node.expression);
      if (fn) index.set(fn, [...(index.get(fn) ?? []), node]);
    });
  }
  return index;
}

/** The source files Fastify code is read from: the repository's own, tests left out. */
export function appFiles(project: JsProject): ts.SourceFile[] {
  return project.sources.filter((p) => !isTestPath(p)).map((p) => project.sourceFile(p)).filter((f): f is ts.SourceFile => f !== undefined);
}

/** Every Fastify app the sources create, and the plugin scopes receivers lead to. */
export function findScopes(project: JsProject): Scopes {
  const all: Scope[] = [];
  const byNode = new Map<ts.Node, Scope>();
  const files = appFiles(project);
  for (const file of files) {
    walk(file, (node) => {
      if (!ts.isCallExpression(node) || !isAppCreation(project, node)) return;
      const scope: Scope = { id: all.length, kind: "app", file: project.pathOf(node), creation: node, name: variableName(node) };
      all.push(scope);
      byNode.set(node, scope);
    });
  }
  const calls = callSites(project, files);

  function plugin(fn: ts.FunctionLikeDeclaration): Scope {
    const found = byNode.get(fn);
    if (found) return found;
    const scope: Scope = { id: all.length, kind: "plugin", file: project.pathOf(fn), fn, name: firstParameterName(fn) };
    all.push(scope);
    byNode.set(fn, scope);
    return scope;
  }

  function of(receiver: ts.Expression, depth = 0): Scope[] {
    if (depth > 4) return [];
    const origin = originOf(project, unwrap(receiver));
    const direct = byNode.get(origin);
    if (direct?.kind === "app") return [direct];
    if (ts.isCallExpression(origin)) {
      // `app.register(a).register(b)`, `fastify.after()` and `withTypeProvider()` give the same instance back.
      if (ts.isPropertyAccessExpression(origin.expression) && /^(register|after|addHook|decorate|withTypeProvider)$/.test(origin.expression.name.text)) return of(origin.expression.expression, depth + 1);
      const fn = functionOf(project, origin.expression);
      return fn ? returned(fn, depth) : [];
    }
    if (ts.isParameter(origin) && ts.isFunctionLike(origin.parent)) {
      const fn = origin.parent as ts.FunctionLikeDeclaration;
      if (fn.parameters.indexOf(origin) !== 0) return [];
      const sites = calls.get(fn) ?? [];
      // A helper called with the app (`addRoutes(app)`) works on that app; anything else is a plugin.
      if (sites.length > 0) return sites.flatMap((call) => (call.arguments[0] ? of(call.arguments[0], depth + 1) : []));
      return [plugin(fn)];
    }
    return [];
  }

  function returned(fn: ts.FunctionLikeDeclaration, depth: number): Scope[] {
    if (fn.body && !ts.isBlock(fn.body)) return of(fn.body, depth + 1);
    const out: Scope[] = [];
    walk(fn, (n) => {
      if (ts.isReturnStatement(n) && n.expression && enclosingFunction(n) === fn) out.push(...of(n.expression, depth + 1));
    });
    return out;
  }

  return { all, of: (receiver) => [...new Set(of(receiver))], plugin };
}
