import ts from "typescript";
import type { Blueprint } from "../../blueprint/blueprint.js";
import { importNeedFor } from "../../jsts/import-of.js";
import type { ImportNeed } from "../../jsts/imports.js";
import type { ExprContext } from "../../jsts/render-expr.js";
import type { FastifyModel } from "./fastify-model.js";
import type { ErrorContext } from "./render-errors.js";
import { reaches } from "./route-table.js";
import type { Scope } from "./scopes.js";

/** How handlers in a scope answer errors: with @fastify/sensible when it reaches the scope. */
export function errorContext(m: FastifyModel, scope: Scope, receiver: string): ErrorContext {
  const sensible = m.errors.sensible.some((s) => reaches(m.tree, s, scope));
  return { errors: m.errors, sensible, receiver, reply: m.handlers.reply };
}

/** Imports a file needs; a new file gathers them, an existing one hands them to the editor. */
export type NeedSink = (needs: ImportNeed[]) => void;

/** Constants of the repository, imported into `file` where a computed answer uses them. */
export function exprContext(m: FastifyModel, file: string, need: NeedSink, count: () => string): Omit<ExprContext, "input"> {
  return {
    count,
    constant: (from, name) => {
      if (from !== file) {
        const found = importNeedFor(m.project, from, name) ?? { module: from, name, local: name };
        need([{ ...found, module: from }]);
      }
      return name;
    },
  };
}

/**
 * The route option that guards a new route in `scope`, as other routes write it
 * (`onRequest: [fastify.authenticate]`); none when the issue asks for no authentication or a hook
 * already guards the whole scope. Undefined answers mean the guard cannot reach the scope.
 */
export function guardOption(m: FastifyModel, bp: Blueprint, scope: Scope, receiver: string, file: string, sink: NeedSink): { option: string | undefined } | undefined {
  if (!bp.auth.required) return { option: undefined };
  const name = bp.auth.guard;
  const guard = m.guards.find((g) => g.name === name);
  if (!guard) return undefined;
  if (guard.level === "plugin") {
    if (guard.scope && reaches(m.tree, guard.scope, scope)) return { option: undefined };
    if (!/^[\w$.]+$/.test(guard.expr)) return undefined;
  }
  // `fastify.authenticate` is a decorator: reached through this file's instance.
  const [root, ...rest] = guard.expr.split(".");
  const exampleFile = guard.example?.reg.file ?? guard.file;
  const callee = guard.example?.reg.call.expression;
  const viaInstance = rest.length > 0 && callee !== undefined && ts.isPropertyAccessExpression(callee) && callee.expression.getText() === root;
  let expr = guard.expr;
  if (viaInstance) expr = [receiver, ...rest].join(".");
  else {
    const need = importNeedFor(m.project, exampleFile, root!);
    if (need && need.module !== file) sink([need]);
  }
  return { option: `${guard.hook}: ${guard.array ? `[${expr}]` : expr}` };
}
