import ts from "typescript";
import { isTestPath } from "../../../../repo/source-files.js";
import type { JsProject } from "../../jsts/project.js";
import { functionOf, originOf, packageRef, unwrap, walk } from "../../jsts/symbols.js";

/** An Express app or router the repository creates. */
export interface Instance {
  id: number;
  kind: "app" | "router";
  file: string;
  /** `express()`, `express.Router()`, `Router()`. */
  creation: ts.CallExpression;
  /** The variable holding it, when there is one: its name is what routes are registered on. */
  name: string;
  /** The function it is made in, for apps built by a factory (`create()`, `buildApp()`). */
  factory: ts.FunctionLikeDeclaration | undefined;
}

export interface Instances {
  all: Instance[];
  /** Which instances a receiver expression (`app`, `router`, `this.router`, a parameter) can be. */
  of(receiver: ts.Expression): Instance[];
}

function creationKind(project: JsProject, call: ts.CallExpression): Instance["kind"] | undefined {
  const ref = packageRef(project, call.expression);
  if (!ref || ref.pkg !== "express") return undefined;
  if (ref.path.length === 0) return "app";
  if (ref.path.length === 1 && ref.path[0] === "Router") return "router";
  return undefined;
}

function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n)) {
      return n;
    }
  }
  return undefined;
}

function nameOf(call: ts.CallExpression): string {
  const parent = call.parent && ts.isAwaitExpression(call.parent) ? call.parent.parent : call.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isBinaryExpression(parent) && ts.isPropertyAccessExpression(parent.left)) return parent.left.getText();
  if (parent && ts.isPropertyDeclaration(parent)) return `this.${parent.name.getText()}`;
  return "app";
}

/** Finds every Express app and router of the repository's sources (tests left out). */
export function findInstances(project: JsProject): Instances {
  const all: Instance[] = [];
  const byCreation = new Map<ts.Node, Instance>();
  for (const path of project.sources) {
    if (isTestPath(path)) continue;
    const file = project.sourceFile(path);
    if (!file) continue;
    walk(file, (node) => {
      if (!ts.isCallExpression(node)) return;
      const kind = creationKind(project, node);
      if (!kind) return;
      const instance: Instance = { id: all.length, kind, file: path, creation: node, name: nameOf(node), factory: enclosingFunction(node) };
      all.push(instance);
      byCreation.set(node, instance);
    });
  }
  const callSites = callSitesIndex(project);

  function of(receiver: ts.Expression, depth = 0): Instance[] {
    if (depth > 4) return [];
    const origin = originOf(project, unwrap(receiver));
    const direct = byCreation.get(origin);
    if (direct) return [direct];
    if (ts.isCallExpression(origin)) {
      // A factory call: `const app = await create()` is the app `create` returns.
      const fn = functionOf(project, origin.expression);
      return fn ? returnedInstances(fn, depth) : [];
    }
    if (ts.isParameter(origin)) return parameterInstances(origin, depth);
    const member = thisMember(receiver);
    if (member) return all.filter((i) => i.name === `this.${member}`);
    return [];
  }

  function returnedInstances(fn: ts.FunctionLikeDeclaration, depth: number): Instance[] {
    const out: Instance[] = [];
    if (fn.body && !ts.isBlock(fn.body)) return of(fn.body, depth + 1);
    walk(fn, (n) => {
      if (ts.isReturnStatement(n) && n.expression && enclosingFunction(n) === fn) out.push(...of(n.expression, depth + 1));
    });
    return out;
  }

  function parameterInstances(parameter: ts.ParameterDeclaration, depth: number): Instance[] {
    const fn = parameter.parent;
    if (!ts.isFunctionLike(fn)) return [];
    const index = fn.parameters.indexOf(parameter);
    const out: Instance[] = [];
    for (const call of callSites.get(fn as ts.FunctionLikeDeclaration) ?? []) {
      const arg = call.arguments[index];
      if (arg) out.push(...of(arg, depth + 1));
    }
    return out;
  }

  return { all, of: (receiver) => [...new Set(of(receiver))] };
}

function thisMember(receiver: ts.Expression): string | undefined {
  const e = unwrap(receiver);
  return ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword ? e.name.text : undefined;
}

/** Calls of the repository's own functions, by the function called: how an app reaches a `routes(app)` helper. */
function callSitesIndex(project: JsProject): Map<ts.FunctionLikeDeclaration, ts.CallExpression[]> {
  const index = new Map<ts.FunctionLikeDeclaration, ts.CallExpression[]>();
  for (const path of project.sources) {
    if (isTestPath(path)) continue;
    const file = project.sourceFile(path);
    if (!file) continue;
    walk(file, (node) => {
      if (!ts.isCallExpression(node) || node.arguments.length === 0) return;
      const fn = functionOf(project, node.expression);
      if (!fn) return;
      const list = index.get(fn) ?? [];
      list.push(node);
      index.set(fn, list);
    });
  }
  return index;
}
