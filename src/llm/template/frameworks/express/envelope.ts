import ts from "typescript";
import { importNeedFor } from "../../jsts/import-of.js";
import type { ImportNeed } from "../../jsts/imports.js";
import type { JsProject } from "../../jsts/project.js";
import { functionOf, originOf, unwrap, walk } from "../../jsts/symbols.js";
import { type Collection, workerOf } from "./collections.js";

/**
 * How the repository wraps the data it answers with: `res.json({ data: item })`,
 * `res.json({ success: true, data: items })`, `res.json(new ApiResponse(item))`. `wrap` writes the
 * same wrapper around an expression; `path` is where the data sits in the JSON a client gets.
 */
export interface Envelope {
  wrap(data: string): string;
  path: string[];
  /** The wrapper's class or function, when it is one, to import as the handlers do. */
  imports: ImportNeed[];
}

interface Candidate {
  key: string;
  wrap: (data: string) => string;
  path: string[];
  imports: ImportNeed[];
}

const DATA_KEYS = /^(data|result|results|items|item|payload|body|content|value)$/;

/** Names bound in the handler to what its store or service gave back. */
function dataNames(fn: ts.FunctionLikeDeclaration): Set<string> {
  const names = new Set<string>();
  walk(fn, (n) => {
    // `const book = books.find(…)`, `const items = await service.list()`; not `const id = req.params.id`.
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && /^(await\s+)?[\w$.]+\.\w+\(/.test(n.initializer.getText()) && !/^(await\s+)?(req|res)\b/.test(n.initializer.getText())) names.add(n.name.text);
  });
  return names;
}

/** The property a wrapper class's constructor stores a parameter under: `this.data = data`. */
function storedAs(project: JsProject, call: ts.NewExpression | ts.CallExpression, index: number): string | undefined {
  const target = originOf(project, call.expression);
  const ctor = ts.isClassDeclaration(target) ? target.members.find(ts.isConstructorDeclaration) : undefined;
  const param = ctor?.parameters[index];
  if (!ctor || !param || !ts.isIdentifier(param.name)) return undefined;
  // `constructor(public data: T)` stores it under its own name.
  if (ts.getModifiers(param)?.some((m) => m.kind === ts.SyntaxKind.PublicKeyword || m.kind === ts.SyntaxKind.ReadonlyKeyword)) return param.name.text;
  let key: string | undefined;
  walk(ctor, (n) => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isIdentifier(n.right) && n.right.text === (param.name as ts.Identifier).text) key = n.left.name.text;
  });
  return key;
}

function candidate(project: JsProject, arg: ts.Expression, data: Set<string>): Candidate | undefined {
  const e = unwrap(arg);
  if (ts.isObjectLiteralExpression(e)) {
    const holder = e.properties.find((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(unwrap(p.initializer)) && data.has((unwrap(p.initializer) as ts.Identifier).text)) ?? e.properties.find((p) => ts.isShorthandPropertyAssignment(p) && data.has(p.name.text));
    const key = holder?.name?.getText();
    if (!holder || !key || !DATA_KEYS.test(key)) return undefined;
    const rest = e.properties.filter((p) => p !== holder).map((p) => p.getText());
    if (rest.some((r) => !/^\w+\s*:\s*(true|false|"[^"]*"|'[^']*'|\d+)$/.test(r))) return undefined;
    return { key: `object:${key}:${rest.join(",")}`, wrap: (d) => `{ ${[...rest, `${key}: ${d}`].join(", ")} }`, path: [key], imports: [] };
  }
  if ((ts.isNewExpression(e) || ts.isCallExpression(e)) && e.arguments) {
    const index = e.arguments.findIndex((a) => ts.isIdentifier(unwrap(a)) && data.has((unwrap(a) as ts.Identifier).text));
    if (index < 0) return undefined;
    const key = storedAs(project, e, index);
    if (!key) return undefined;
    const callee = e.expression.getText();
    const others = e.arguments.map((a, i) => (i === index ? "$DATA" : a.getText()));
    if (others.some((o) => o !== "$DATA" && !/^(true|false|\d+|"[^"]*"|'[^']*')$/.test(o))) return undefined;
    const declaration = originOf(project, e.expression);
    const name = /^[A-Za-z_$][\w$]*/.exec(callee)?.[0] ?? callee;
    const need = importNeedFor(project, project.pathOf(e), name) ?? { module: project.pathOf(declaration), name, local: name };
    return { key: `call:${callee}:${others.join(",")}`, wrap: (d) => `${ts.isNewExpression(e) ? "new " : ""}${callee}(${others.join(", ").replace("$DATA", d)})`, path: [key], imports: [need] };
  }
  return undefined;
}

/** The wrapper most success answers of the collections' handlers use, when they agree on one. */
export function findEnvelope(project: JsProject, collections: Collection[]): Envelope | undefined {
  const seen = new Map<string, { c: Candidate; n: number }>();
  let answers = 0;
  for (const c of collections) {
    for (const { route } of c.routes) {
      const last = route.reg.chain[route.reg.chain.length - 1];
      const handler = last ? functionOf(project, last) : undefined;
      if (!handler) continue;
      const fn = workerOf(project, handler);
      const data = dataNames(fn);
      walk(fn, (n) => {
        if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || !/^(json|send)$/.test(n.expression.name.text) || !n.arguments[0]) return;
        answers += 1;
        const found = candidate(project, n.arguments[0], data);
        if (!found) return;
        const entry = seen.get(found.key) ?? { c: found, n: 0 };
        entry.n += 1;
        seen.set(found.key, entry);
      });
    }
  }
  const best = [...seen.values()].sort((a, b) => b.n - a.n)[0];
  // A wrapper is the repository's way only when most answers use it.
  if (!best || best.n < 2 || best.n * 2 < answers) return undefined;
  return { wrap: best.c.wrap, path: best.c.path, imports: best.c.imports };
}
