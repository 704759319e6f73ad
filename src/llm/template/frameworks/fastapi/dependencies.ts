import type { SyntaxNode } from "@lezer/common";
import { annotationOf, assignedValue, callArgs, callParts, childrenOf, descendants, dottedName, textOf } from "../../python/syntax-tree.js";
import { libraryCall } from "./fastapi-names.js";
import type { DependencyUse, RouteParam } from "./fastapi-model.js";
import type { Project, PyModule } from "./python-project.js";

const DEPENDS = ["Depends", "Security"];

/** A `Depends(x)` / `Security(x)` call as a dependency use; `Depends()` (class-typed) has no name and is skipped. */
export function dependencyOf(project: Project, module: PyModule, node: SyntaxNode, where: DependencyUse["where"]): DependencyUse | undefined {
  const call = libraryCall(project, module, node, DEPENDS);
  if (!call) return undefined;
  const args = callArgs(module, callParts(node)!.args);
  const target = args.positional[0] ?? args.keywords.get("dependency");
  if (!target) return undefined;
  // `Depends(JWTBearer())`: the dependency is an instance, named by its class.
  const named = target.name === "CallExpression" ? callParts(target)!.callee : target;
  const path = dottedName(module, named);
  return {
    name: textOf(module, target),
    callText: textOf(module, node),
    ref: path ? project.resolve(module, path) : undefined,
    module,
    call: call === "Security" ? "Security" : "Depends",
    where,
  };
}

/** The dependencies in a `dependencies=[Depends(a), Depends(b)]` argument. */
export function dependencyList(project: Project, module: PyModule, list: SyntaxNode | undefined, where: DependencyUse["where"]): DependencyUse[] {
  if (!list) return [];
  return childrenOf(list)
    .map((item) => dependencyOf(project, module, item, where))
    .filter((use): use is DependencyUse => use !== undefined);
}

/** `CurrentUser = Annotated[User, Depends(get_current_user)]` used as a parameter's annotation. */
function aliasDependency(project: Project, module: PyModule, annotation: SyntaxNode): DependencyUse | undefined {
  const path = dottedName(module, annotation);
  const ref = path ? project.resolve(module, path) : undefined;
  if (ref?.k !== "def" || ref.statement.name !== "AssignStatement") return undefined;
  const value = assignedValue(ref.statement);
  if (!value) return undefined;
  return descendants(value, "CallExpression")
    .map((node) => dependencyOf(project, ref.module, node, "param"))
    .find((use) => use !== undefined);
}

/** The parameters of a `def`, with the dependency each one declares. */
export function readParams(project: Project, module: PyModule, func: SyntaxNode): RouteParam[] {
  const list = childrenOf(func).find((child) => child.name === "ParamList");
  if (!list) return [];
  const params: RouteParam[] = [];
  let group: SyntaxNode[] = [];
  const flush = () => {
    const [first] = group;
    if (first?.name === "VariableName") {
      const typeDef = group.find((part) => part.name === "TypeDef");
      const annotation = annotationOf(typeDef);
      const at = group.findIndex((part) => part.name === "AssignOp");
      const fallback = at >= 0 ? group[at + 1] : undefined;
      const name = textOf(module, first);
      const text = module.text.slice(first.from, group[group.length - 1]!.to);
      const candidates = [...(fallback ? [fallback] : []), ...(annotation ? descendants(annotation, "CallExpression") : [])];
      const dependency =
        candidates.map((node) => dependencyOf(project, module, node, "param")).find((use) => use !== undefined) ??
        (annotation ? aliasDependency(project, module, annotation) : undefined);
      params.push({
        name,
        ...(annotation ? { annotation: textOf(module, annotation) } : {}),
        ...(fallback ? { default: textOf(module, fallback) } : {}),
        ...(dependency ? { dependency: { ...dependency, param: { name, text } } } : {}),
      });
    }
    group = [];
  };
  for (const child of childrenOf(list)) {
    if (child.name === "(" || child.name === ")") continue;
    if (child.name === ",") flush();
    else group.push(child);
  }
  flush();
  return params;
}
