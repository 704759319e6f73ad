import ts from "typescript";
import type { JsProject } from "../../jsts/project.js";
import { constantValue, functionOf, walk } from "../../jsts/symbols.js";
import type { InstanceCalls } from "./instance-calls.js";
import type { PackageUse } from "./plugin-registrations.js";
import type { ServedRoute } from "./route-table.js";
import type { Scope } from "./scopes.js";

/**
 * How the repository answers errors. Fastify's own answer for a thrown error or a failed schema
 * is `{ statusCode, code?, error, message }` with status 400 for validation; @fastify/sensible
 * adds `reply.notFound()` and `fastify.httpErrors`; a custom error handler reshapes all of it.
 */
export interface ErrorMechanism {
  /** Where @fastify/sensible is registered; it reaches the scopes below. */
  sensible: Scope[];
  /** How existing handlers raise errors: `reply.notFound()`, `throw fastify.httpErrors.notFound()`, or a JSON body. */
  style: "reply" | "httpErrors" | "inline" | undefined;
  /** Keys of the bodies handlers send with a 4xx (`{ error: '…' }` → `["error"]`). */
  inlineKeys: string[] | undefined;
  /** `reply.code(404)` or `reply.status(404)`. */
  statusMethod: "code" | "status";
  /** The custom error handler, when there is one. */
  handler: { keys: string[]; validationStatus: number | undefined } | undefined;
  /** The status a failed schema answers. */
  validationStatus: number;
}

/** A call chain `reply.code(404).send({...})`: the status and the body's keys. */
function inlineError(project: JsProject, call: ts.CallExpression): { status: number; keys: string[] } | undefined {
  if (!ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== "send") return undefined;
  const inner = call.expression.expression;
  if (!ts.isCallExpression(inner) || !ts.isPropertyAccessExpression(inner.expression) || !/^(code|status)$/.test(inner.expression.name.text) || !inner.arguments[0]) return undefined;
  const status = constantValue(project, inner.arguments[0]);
  const body = call.arguments[0];
  if (typeof status !== "number" || status < 400 || !body || !ts.isObjectLiteralExpression(body)) return undefined;
  return { status, keys: body.properties.flatMap((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : [])) };
}

function handlerShape(project: JsProject, fn: ts.FunctionLikeDeclaration): ErrorMechanism["handler"] {
  let keys: string[] = [];
  let validationStatus: number | undefined;
  walk(fn, (n) => {
    if (!ts.isCallExpression(n)) return;
    const sent = n.arguments[0];
    if (ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === "send" && sent && ts.isObjectLiteralExpression(sent) && keys.length === 0) {
      keys = sent.properties.flatMap((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : []));
    }
    // `if (error.validation) reply.status(422)…`: validation gets its own status.
    if (ts.isPropertyAccessExpression(n.expression) && /^(code|status)$/.test(n.expression.name.text) && sent) {
      const status = constantValue(project, sent);
      let branch: ts.Node | undefined = n.parent;
      while (branch && !ts.isIfStatement(branch) && branch !== fn) branch = branch.parent;
      if (typeof status === "number" && branch && ts.isIfStatement(branch) && /\.validation\b/.test(branch.expression.getText())) validationStatus = status;
    }
  });
  return { keys, validationStatus };
}

/** Reads sensible, the error handler, and how the existing handlers answer errors. */
export function findErrorMechanism(project: JsProject, served: ServedRoute[], packages: PackageUse[], calls: InstanceCalls): ErrorMechanism {
  const sensible = packages.filter((p) => p.pkg === "@fastify/sensible").map((p) => p.scope);
  let reply = 0;
  let httpErrors = 0;
  let code = 0;
  let status = 0;
  let inlineKeys: string[] | undefined;
  for (const route of served) {
    const fn = route.reg.handler ? functionOf(project, route.reg.handler) : undefined;
    if (!fn) continue;
    walk(fn, (n) => {
      if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return;
      const name = n.expression.name.text;
      const target = n.expression.expression.getText();
      if (/^(notFound|badRequest|unauthorized|forbidden|conflict|unprocessableEntity|getHttpError)$/.test(name)) {
        if (/\.httpErrors$/.test(target)) httpErrors += 1;
        else reply += 1;
      }
      if (name === "code") code += 1;
      if (name === "status") status += 1;
      inlineKeys ??= inlineError(project, n)?.keys;
    });
  }
  const custom = calls.errorHandlers.map((h) => functionOf(project, h.fn)).find((f) => f !== undefined);
  const handler = custom ? handlerShape(project, custom) : undefined;
  return {
    sensible,
    style: reply + httpErrors > 0 ? (httpErrors > reply ? "httpErrors" : "reply") : inlineKeys ? "inline" : undefined,
    inlineKeys,
    statusMethod: status > code ? "status" : "code",
    handler,
    validationStatus: handler?.validationStatus ?? 400,
  };
}
