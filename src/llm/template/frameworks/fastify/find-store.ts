import ts from "typescript";
import type { EndpointRole } from "../../../../understand/spec.js";
import type { JsProject } from "../../jsts/project.js";
import { originOf, unwrap, walk } from "../../jsts/symbols.js";
import type { Decorator } from "./instance-calls.js";

/** The object a collection's handlers call for their data: `fastify.db`, `choreService`. */
export interface Service {
  /** As the handlers write it. */
  expr: string;
  /** The file that declares it, to import it from (none for a decorator, reached through the instance). */
  file: string | undefined;
  methods: Partial<Record<EndpointRole, string>>;
  async: boolean;
}

/** A module-level array or Map the handlers keep items in, and how they make ids. */
export interface InlineStore {
  name: string;
  file: string;
  kind: "array" | "map";
  /** The id of a new item, as the create handler writes it: `nextId++`. */
  nextId: string | undefined;
}

const ROLE_NAMES: [EndpointRole, RegExp][] = [
  ["count", /^count$/i],
  ["list", /^(list|findAll|getAll|all|index|list\w*)$/i],
  ["get", /^(get|read|find|findById|findOne|getById|show|retrieve)$/i],
  ["create", /^(create|add|insert|save|store)$/i],
  ["replace", /^(replace|put|set)$/i],
  ["update", /^(update|patch|edit|modify)$/i],
  ["delete", /^(delete|remove|destroy|del)$/i],
];

/** What a handler answers with: its returned values and what it passes to `reply.send`. */
function answers(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  const out: ts.Expression[] = [];
  if (fn.body && !ts.isBlock(fn.body)) out.push(unwrap(fn.body));
  walk(fn, (n) => {
    if (ts.isReturnStatement(n) && n.expression) out.push(unwrap(n.expression));
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === "send" && n.arguments[0]) out.push(unwrap(n.arguments[0]));
  });
  return out;
}

/** `todos`, `[...todos.values()]`, `Array.from(todos.values())`: the variable holding the items. */
function holderOf(expr: ts.Expression): ts.Identifier | undefined {
  let e = expr;
  if (ts.isArrayLiteralExpression(e) && e.elements.length === 1 && ts.isSpreadElement(e.elements[0]!)) e = unwrap(e.elements[0].expression);
  if (ts.isCallExpression(e) && /^Array\.from$/.test(e.expression.getText()) && e.arguments[0]) e = unwrap(e.arguments[0]);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === "values") e = unwrap(e.expression.expression);
  return ts.isIdentifier(e) ? e : undefined;
}

/** The array or Map the list handler answers with, and the create handler's id expression. */
export function findStore(project: JsProject, list: ts.FunctionLikeDeclaration | undefined, create: ts.FunctionLikeDeclaration | undefined): InlineStore | undefined {
  if (!list) return undefined;
  for (const answer of answers(list)) {
    const holder = holderOf(answer);
    if (!holder) continue;
    const origin = originOf(project, holder);
    const kind = ts.isArrayLiteralExpression(origin) ? "array" : ts.isNewExpression(origin) && /Map$/.test(origin.expression.getText()) ? "map" : undefined;
    if (!kind) continue;
    let nextId: string | undefined;
    if (create) {
      walk(create, (n) => {
        if (!nextId && ts.isPropertyAssignment(n) && n.name.getText() === "id") nextId = n.initializer.getText();
      });
    }
    return { name: holder.text, file: project.pathOf(origin), kind, nextId };
  }
  return undefined;
}

function methodNames(project: JsProject, holder: ts.Node): { names: string[]; async: boolean } {
  let target = holder;
  if (ts.isNewExpression(holder)) target = originOf(project, holder.expression);
  const names: string[] = [];
  let isAsync = false;
  const note = (name: string, node: ts.Node) => {
    names.push(name);
    if (ts.isFunctionLike(node) && ts.getModifiers(node as ts.MethodDeclaration)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) isAsync = true;
  };
  if (ts.isClassLike(target)) for (const m of target.members) if (ts.isMethodDeclaration(m) && ts.isIdentifier(m.name)) note(m.name.text, m);
  if (ts.isObjectLiteralExpression(target)) {
    for (const p of target.properties) if (p.name && ts.isIdentifier(p.name)) note(p.name.text, ts.isPropertyAssignment(p) ? p.initializer : p);
  }
  return { names, async: isAsync };
}

/**
 * The object most handlers of a collection call methods on: a module's service, or a decorator
 * (`fastify.db`) the handlers reach through the instance.
 */
export function findService(project: JsProject, handlers: ts.FunctionLikeDeclaration[], decorators: Decorator[]): Service | undefined {
  const counts = new Map<ts.Node, { expr: string; n: number; decorated: boolean }>();
  for (const fn of handlers) {
    walk(fn, (n) => {
      if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return;
      const target = unwrap(n.expression.expression);
      if (!ts.isIdentifier(target) && !ts.isPropertyAccessExpression(target)) return;
      const decorator = ts.isPropertyAccessExpression(target) ? decorators.find((d) => d.name === target.name.text) : undefined;
      const origin = decorator ? originOf(project, decorator.value) : originOf(project, target);
      if (ts.isParameter(origin) || origin === target) return;
      if (!ts.isNewExpression(origin) && !ts.isObjectLiteralExpression(origin) && !ts.isClassDeclaration(origin)) return;
      if (ts.isNewExpression(origin) && /^(Map|Set|Array)$/.test(origin.expression.getText())) return;
      const entry = counts.get(origin) ?? { expr: target.getText(), n: 0, decorated: decorator !== undefined };
      entry.n += 1;
      counts.set(origin, entry);
    });
  }
  const best = [...counts.entries()].sort((a, b) => b[1].n - a[1].n)[0];
  if (!best) return undefined;
  const [holder, { expr, decorated }] = best;
  const { names, async } = methodNames(project, holder);
  const methods: Service["methods"] = {};
  for (const [role, pattern] of ROLE_NAMES) {
    const name = names.find((x) => pattern.test(x));
    if (name && !methods[role]) methods[role] = name;
  }
  if (Object.keys(methods).length === 0) return undefined;
  return { expr, file: decorated ? undefined : project.pathOf(holder), methods, async };
}
