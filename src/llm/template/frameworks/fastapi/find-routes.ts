import type { HttpMethod } from "../../../../understand/spec.js";
import { annotationOf, callArgs, callParts, childrenOf, decoratorParts, definedName, descendants, dottedName, scopeOf, textOf } from "../../python/syntax-tree.js";
import { evalIn } from "./constants.js";
import { dependencyList, readParams } from "./dependencies.js";
import type { Include, Mountable, Route } from "./fastapi-model.js";
import type { MountableLookup } from "./find-mountables.js";
import type { Project } from "./python-project.js";

const METHODS: Record<string, HttpMethod> = { get: "GET", post: "POST", put: "PUT", patch: "PATCH", delete: "DELETE" };

/** Every `parent.include_router(child, ...)` whose two ends are known. */
export function findIncludes(project: Project, lookup: MountableLookup): Include[] {
  const out: Include[] = [];
  for (const module of project.modules) {
    if (module.isTest) continue;
    for (const call of descendants(module.tree.topNode, "CallExpression")) {
      const parts = callParts(call)!;
      const callee = dottedName(module, parts.callee);
      if (!callee || callee.length < 2 || callee[callee.length - 1] !== "include_router") continue;
      const scope = scopeOf(call);
      const parent = lookup(module, scope, callee.slice(0, -1));
      const args = callArgs(module, parts.args);
      const childNode = args.positional[0] ?? args.keywords.get("router");
      const childPath = childNode ? dottedName(module, childNode) : undefined;
      const child = childPath ? lookup(module, scope, childPath) : undefined;
      if (!parent || !child || !childNode) continue;
      const prefixNode = args.keywords.get("prefix");
      const prefix = prefixNode ? evalIn(project, module, prefixNode) : "";
      out.push({
        parent,
        child,
        module,
        statement: call.parent?.name === "ExpressionStatement" ? call.parent : call,
        childText: textOf(module, childNode),
        prefix: typeof prefix === "string" ? prefix : "",
        args,
        dependencies: dependencyList(project, module, args.keywords.get("dependencies"), "include"),
      });
    }
  }
  return out;
}

function methodsOf(project: Project, module: Route["module"], verb: string, args: ReturnType<typeof callArgs>): HttpMethod[] {
  if (verb !== "api_route") return METHODS[verb] ? [METHODS[verb]] : [];
  const list = args.keywords.get("methods");
  const value = list ? evalIn(project, module, list) : ["GET"];
  if (!Array.isArray(value)) return [];
  return value.map((item) => METHODS[String(item).toLowerCase()]).filter((method): method is HttpMethod => method !== undefined);
}

/** Every function decorated as a route of a known app or router. */
export function findRoutes(project: Project, lookup: MountableLookup): Route[] {
  const out: Route[] = [];
  for (const module of project.modules) {
    if (module.isTest) continue;
    for (const statement of descendants(module.tree.topNode, "DecoratedStatement")) {
      const func = childrenOf(statement).find((child) => child.name === "FunctionDefinition");
      if (!func) continue;
      for (const decorator of childrenOf(statement).filter((child) => child.name === "Decorator")) {
        const { name, args: argList } = decoratorParts(module, decorator);
        const verb = name[name.length - 1] ?? "";
        if (name.length < 2 || !argList || !(verb in METHODS || verb === "api_route")) continue;
        const mountable: Mountable | undefined = lookup(module, scopeOf(statement), name.slice(0, -1));
        if (!mountable) continue;
        const args = callArgs(module, argList);
        const pathNode = args.positional[0] ?? args.keywords.get("path");
        const path = pathNode ? evalIn(project, module, pathNode) : undefined;
        if (typeof path !== "string") continue;
        const params = readParams(project, module, func);
        const returns = annotationOf(childrenOf(func).find((child) => child.name === "TypeDef"));
        const decoratorDeps = dependencyList(project, module, args.keywords.get("dependencies"), "decorator");
        out.push({
          methods: methodsOf(project, module, verb, args),
          localPath: path,
          mountable,
          module,
          statement,
          func,
          funcName: definedName(module, func) ?? "",
          isAsync: childrenOf(func)[0]?.name === "async",
          decorator: args,
          params,
          ...(returns ? { returnAnnotation: textOf(module, returns) } : {}),
          dependencies: [...decoratorDeps, ...params.flatMap((param) => (param.dependency ? [param.dependency] : []))],
        });
      }
    }
  }
  return out;
}
