import ts from "typescript";
import type { JsProject } from "../../jsts/project.js";
import { constantValue, functionOf, packageRef, walk } from "../../jsts/symbols.js";
import type { UseReg } from "./registrations.js";

/** A class of the repository's own that carries an HTTP status, and how to make one. */
export interface ErrorClass {
  name: string;
  file: string;
  /** The status its constructor fixes (`NotFoundError` → 404), or undefined when it takes one. */
  status: number | undefined;
  /** Whether the constructor's first parameter is the status (`new HTTPError(404, "…")`). */
  statusFirst: boolean;
  exported: boolean;
}

/**
 * How errors reach the client when a handler passes them to `next(err)`: a JSON error handler
 * that reads the status from the error, the keys its payload has, and the classes it knows.
 */
export interface ErrorMechanism {
  /** The property of the error the handler takes the status from: `status`, `statusCode`, `statuscode`. */
  statusProperty: string;
  /** Top-level keys of the JSON the handler sends: `status`, `statusCode`, `message`. */
  payloadKeys: string[];
  classes: ErrorClass[];
  /** `http-errors` is a dependency: `createError(404, "…")`. */
  httpErrors: boolean;
}

const STATUS_NAMES: Record<string, number> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, UNPROCESSABLE_ENTITY: 422 };

/** A status written as a number or a well-known constant (`status.NOT_FOUND`, `StatusCodes.NOT_FOUND`). */
export function statusValue(project: JsProject, expr: ts.Expression): number | undefined {
  const value = constantValue(project, expr);
  if (typeof value === "number") return value;
  const name = ts.isPropertyAccessExpression(expr) ? expr.name.text : ts.isElementAccessExpression(expr) && ts.isStringLiteral(expr.argumentExpression) ? expr.argumentExpression.text : undefined;
  return name ? STATUS_NAMES[name] : undefined;
}

/** The object a `res.json(...)`/`res.send(...)` of a function sends, when it is a literal. */
function payloadKeys(fn: ts.FunctionLikeDeclaration): string[] | undefined {
  let keys: string[] | undefined;
  const locals = new Map<string, ts.Expression>();
  walk(fn, (n) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) locals.set(n.name.text, n.initializer);
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || !/^(json|send)$/.test(n.expression.name.text)) return;
    let arg = n.arguments[0];
    if (arg && ts.isIdentifier(arg)) arg = locals.get(arg.text);
    if (arg && ts.isObjectLiteralExpression(arg)) {
      keys = arg.properties.flatMap((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : []));
    }
  });
  return keys;
}

/** Which property of the error parameter decides the status the handler answers with. */
function statusProperty(fn: ts.FunctionLikeDeclaration): string | undefined {
  const err = fn.parameters[0]?.name;
  if (!err || !ts.isIdentifier(err)) return undefined;
  const text = fn.body?.getText() ?? "";
  const m = new RegExp(`\\b${err.text}\\.(statusCode|statuscode|status|httpStatus|code)\\b`).exec(text);
  return m?.[1];
}

function errorClasses(project: JsProject): ErrorClass[] {
  const classes = new Map<string, { node: ts.ClassDeclaration; file: string }>();
  for (const path of project.sources) {
    const file = project.sourceFile(path);
    if (!file) continue;
    for (const s of file.statements) if (ts.isClassDeclaration(s) && s.name) classes.set(s.name.text, { node: s, file: path });
  }
  const extendsError = (name: string, depth = 0): boolean => {
    if (depth > 6) return false;
    if (name === "Error") return true;
    const c = classes.get(name)?.node;
    const base = c?.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    return !!base && ts.isIdentifier(base) && extendsError(base.text, depth + 1);
  };
  const out: ErrorClass[] = [];
  for (const [name, { node, file }] of classes) {
    if (!extendsError(name) || name === "Error") continue;
    const ctor = node.members.find(ts.isConstructorDeclaration);
    let status: number | undefined;
    let statusFirst = false;
    if (ctor) {
      walk(ctor, (n) => {
        if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.SuperKeyword && n.arguments[0]) status ??= statusValue(project, n.arguments[0]);
      });
      const first = ctor.parameters[0]?.name.getText() ?? "";
      statusFirst = /status|code/i.test(first);
    }
    const exported = !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) || new RegExp(`\\b${name}\\b`).test(/module\.exports[^;]*/.exec(node.getSourceFile().text)?.[0] ?? "");
    out.push({ name, file, status, statusFirst, exported });
  }
  return out;
}

/** The error mechanism, when the app's error handler answers JSON with the error's own status. */
export function findErrorMechanism(project: JsProject, uses: UseReg[]): ErrorMechanism | undefined {
  const deps = { ...project.packageJson?.dependencies, ...project.packageJson?.devDependencies };
  for (const use of uses.filter((u) => u.role === "error-handler")) {
    const fn = functionOf(project, use.arg);
    if (!fn) continue;
    const property = statusProperty(fn);
    const keys = payloadKeys(fn);
    if (!keys) continue;
    const classes = errorClasses(project);
    const viaClass = classes.length > 0 && new RegExp(`instanceof\\s+(${classes.map((c) => c.name).join("|")})`).test(fn.body?.getText() ?? "");
    if (!property && !viaClass) continue;
    return { statusProperty: property ?? "status", payloadKeys: keys, classes, httpErrors: "http-errors" in deps };
  }
  return undefined;
}

export { packageRef };
