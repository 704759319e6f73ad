import ts from "typescript";
import type { JsProject } from "../../jsts/project.js";
import { constantString, statementOf, walk } from "../../jsts/symbols.js";
import { appFiles, type Scope, type Scopes } from "./scopes.js";

/** `fastify.addHook('onRequest', fn)`: runs for every route of the scope and of its children. */
export interface HookReg {
  scope: Scope;
  hook: string;
  fn: ts.Expression;
  file: string;
  statement: ts.Statement;
}

/** `fastify.decorate('db', value)`: a value every handler of the scope reaches as `fastify.db`. */
export interface Decorator {
  scope: Scope;
  name: string;
  value: ts.Expression;
  file: string;
}

/** A call that ends registration: routes and plugins must come before `ready()` and `listen()`. */
export interface Lifecycle {
  scope: Scope;
  file: string;
  statement: ts.Statement;
}

export interface InstanceCalls {
  hooks: HookReg[];
  decorators: Decorator[];
  errorHandlers: { scope: Scope; fn: ts.Expression; file: string }[];
  lifecycle: Lifecycle[];
}

/** Hooks, decorators, error handlers and `ready()`/`listen()` calls on the scopes. */
export function findInstanceCalls(project: JsProject, scopes: Scopes): InstanceCalls {
  const out: InstanceCalls = { hooks: [], decorators: [], errorHandlers: [], lifecycle: [] };
  for (const file of appFiles(project)) {
    walk(file, (node) => {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      const member = node.expression.name.text;
      if (!/^(addHook|decorate|setErrorHandler|ready|listen)$/.test(member)) return;
      const owners = scopes.of(node.expression.expression);
      const path = project.pathOf(node);
      const [first, second] = node.arguments;
      for (const scope of owners) {
        if (member === "addHook" && first && second) {
          const hook = constantString(project, first);
          if (hook) out.hooks.push({ scope, hook, fn: second, file: path, statement: statementOf(node) });
        } else if (member === "decorate" && first && second) {
          const name = constantString(project, first);
          if (name) out.decorators.push({ scope, name, value: second, file: path });
        } else if (member === "setErrorHandler" && first) {
          out.errorHandlers.push({ scope, fn: first, file: path });
        } else if (member === "ready" || member === "listen") {
          out.lifecycle.push({ scope, file: path, statement: statementOf(node) });
        }
      }
    });
  }
  return out;
}
