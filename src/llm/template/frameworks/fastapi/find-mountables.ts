import type { SyntaxNode } from "@lezer/common";
import { assignedNames, assignedValue, bodyOf, callArgs, callParts, childrenOf, definedName, descendants, dottedName, sameNode, scopeOf, statementsOf, textOf } from "../../python/syntax-tree.js";
import { evalIn } from "./constants.js";
import { dependencyList } from "./dependencies.js";
import { libraryCall } from "./fastapi-names.js";
import type { Mountable } from "./fastapi-model.js";
import type { Project, PyModule } from "./python-project.js";

function returnsVariable(module: PyModule, body: SyntaxNode, variable: string): boolean {
  return descendants(body, "ReturnStatement").some((statement) => {
    const value = childrenOf(statement)[1];
    return value !== undefined && textOf(module, value) === variable;
  });
}

/** Every `FastAPI(...)` and `APIRouter(...)` assigned to a variable in application code. */
export function findMountables(project: Project): Mountable[] {
  const out: Mountable[] = [];
  for (const module of project.modules) {
    if (module.isTest) continue;
    for (const statement of descendants(module.tree.topNode, "AssignStatement")) {
      const value = assignedValue(statement);
      const kind = libraryCall(project, module, value, ["FastAPI", "APIRouter"]);
      const [variable] = assignedNames(module, statement);
      if (!kind || !variable || !value) continue;
      const scope = scopeOf(statement);
      const func = scope.name === "Body" ? scope.parent : null;
      const factory = func && returnsVariable(module, scope, variable) ? definedName(module, func) : undefined;
      const args = callArgs(module, callParts(value)!.args);
      const prefixNode = args.keywords.get("prefix");
      const prefix = prefixNode ? evalIn(project, module, prefixNode) : "";
      out.push({
        id: out.length,
        kind: kind === "FastAPI" ? "app" : "router",
        module,
        variable,
        scope,
        statement,
        args,
        ...(factory ? { factory } : {}),
        ownPrefix: typeof prefix === "string" ? prefix : "",
        dependencies: dependencyList(project, module, args.keywords.get("dependencies"), kind === "FastAPI" ? "app" : "router"),
      });
    }
  }
  return out;
}

/** Finds the app or router a dotted name stands for, in a block of a module. */
export type MountableLookup = (module: PyModule, scope: SyntaxNode, path: string[]) => Mountable | undefined;

export function mountableLookup(project: Project, mountables: Mountable[]): MountableLookup {
  const atModule = (module: PyModule, variable: string) =>
    mountables.find((m) => m.module === module && m.scope.name === "Script" && m.variable === variable);

  function fromDefinition(module: PyModule, name: string, statement: SyntaxNode): Mountable | undefined {
    const direct = atModule(module, name);
    if (direct) return direct;
    const value = assignedValue(statement);
    const call = value ? callParts(value) : undefined;
    const callee = call ? dottedName(module, call.callee) : undefined;
    if (!callee) return undefined;
    // `app = get_app()`: the app the factory builds.
    const ref = project.resolve(module, callee);
    if (ref?.k !== "def") return undefined;
    return mountables.find((m) => m.kind === "app" && m.module === ref.module && m.factory === ref.name);
  }

  return (module, scope, path) => {
    if (path.length === 1 && scope.name !== "Script") {
      const local = mountables.find((m) => m.module === module && sameNode(m.scope, scope) && m.variable === path[0]);
      if (local) return local;
    }
    const ref = project.resolve(module, path);
    if (ref?.k !== "def") return undefined;
    return fromDefinition(ref.module, ref.name, ref.statement);
  };
}

/** The statements of a block: a module's top level or a function body. */
export function blockStatements(scope: SyntaxNode): SyntaxNode[] {
  if (scope.name === "Script" || scope.name === "Body") return statementsOf(scope);
  const body = bodyOf(scope);
  return body ? statementsOf(body) : [];
}
