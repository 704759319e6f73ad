import type { SyntaxNode } from "@lezer/common";
import type { JsonValue } from "../../../../understand/spec.js";
import { type ConstantScope, evalConstant } from "../../python/eval-literal.js";
import { assignedNames, assignedValue, bodyOf, callParts, dottedName, statementsOf, undecorated } from "../../python/syntax-tree.js";
import type { RepoConstant } from "../framework.js";
import type { Project, PyModule, Ref } from "./python-project.js";

// Settings read from the environment fall back to their default, which is what runs in tests.
const ENV_READERS = new Set(["os.getenv", "os.environ.get"]);

// Chains of constants defined from constants stay short in practice.
const MAX_DEPTH = 6;

function classAttribute(project: Project, module: PyModule, className: string, attribute: string, depth: number): JsonValue | undefined {
  const ref = project.resolve(module, [className]);
  if (ref?.k !== "def") return undefined;
  const cls = undecorated(ref.statement);
  if (cls.name !== "ClassDefinition") return undefined;
  const body = bodyOf(cls);
  for (const statement of body ? statementsOf(body) : []) {
    if (!assignedNames(ref.module, statement).includes(attribute)) continue;
    const value = assignedValue(statement);
    return value ? evalIn(project, ref.module, value, depth + 1) : undefined;
  }
  return undefined;
}

/** The value of a name the repository defines: a constant, or a default on a settings object. */
function refValue(project: Project, ref: Ref | undefined, depth: number): JsonValue | undefined {
  if (!ref || depth > MAX_DEPTH) return undefined;
  if (ref.k === "def") {
    const value = assignedValue(ref.statement);
    return value && assignedNames(ref.module, ref.statement).length === 1 ? evalIn(project, ref.module, value, depth + 1) : undefined;
  }
  if (ref.k !== "member" || ref.names.length !== 1) return undefined;
  // `settings.API_PREFIX` where `settings = Settings()`: the class attribute's default.
  const value = assignedValue(ref.of.statement);
  const call = value ? callParts(value) : undefined;
  const cls = call ? dottedName(ref.of.module, call.callee) : undefined;
  if (cls?.length === 1) return classAttribute(project, ref.of.module, cls[0]!, ref.names[0]!, depth);
  const direct = undecorated(ref.of.statement);
  return direct.name === "ClassDefinition" ? classAttribute(project, ref.of.module, ref.of.name, ref.names[0]!, depth) : undefined;
}

export function constantScope(project: Project, module: PyModule, depth = 0): ConstantScope {
  return {
    name: (path) => refValue(project, project.resolve(module, path), depth),
    call(callee, args) {
      const ref = project.resolve(module, callee);
      if (ref?.k !== "external" || !ENV_READERS.has(ref.qualified)) return undefined;
      const fallback = args.positional[1] ?? args.keywords.get("default");
      return fallback ? evalIn(project, module, fallback, depth + 1) : undefined;
    },
  };
}

/** Evaluates an expression of a module, following names to the constants they stand for. */
export function evalIn(project: Project, module: PyModule, node: SyntaxNode, depth = 0): JsonValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  return evalConstant(module, node, constantScope(project, module, depth));
}

function isScalar(value: JsonValue | undefined): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** Module-level names bound to a string, number or boolean, in application code. */
export function readConstants(project: Project): RepoConstant[] {
  const out: RepoConstant[] = [];
  for (const module of project.modules) {
    if (module.isTest) continue;
    for (const [name, statement] of module.defs) {
      if (statement.name !== "AssignStatement" || assignedNames(module, statement).length !== 1) continue;
      const value = assignedValue(statement);
      const evaluated = value ? evalIn(project, module, value) : undefined;
      if (isScalar(evaluated)) out.push({ file: module.path, name, value: evaluated });
    }
  }
  return out;
}
