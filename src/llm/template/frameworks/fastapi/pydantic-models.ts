import type { SyntaxNode } from "@lezer/common";
import type { Constraints, FieldSpec, JsonValue, ValueType } from "../../../../understand/spec.js";
import { annotationOf, assignedNames, assignedValue, bodyOf, callArgs, callParts, childrenOf, definedName, dottedName, nodeKey, sameNode, statementsOf, textOf, undecorated } from "../../python/syntax-tree.js";
import { evalIn } from "./constants.js";
import { isLibraryName, libraryCall } from "./fastapi-names.js";
import type { Project, PyModule } from "./python-project.js";

export type PydanticMajor = 1 | 2;

/** A pydantic model class of the repository. */
export interface PydanticModel {
  module: PyModule;
  name: string;
  statement: SyntaxNode;
  fields: FieldSpec[];
}

const BASES = ["BaseModel", "SQLModel", "BaseSettings"];
const STRING_FORMATS: Record<string, Constraints["format"]> = { EmailStr: "email", HttpUrl: "url", AnyUrl: "url", AnyHttpUrl: "url", UUID: "uuid", UUID4: "uuid", date: "date", datetime: "date-time" };
const SCALARS: Record<string, ValueType> = { str: "string", int: "integer", float: "number", Decimal: "number", bool: "boolean", constr: "string", conint: "integer", confloat: "number" };

interface TypeInfo {
  type: ValueType;
  nullable: boolean;
  constraints: Constraints;
}

function subscript(module: PyModule, node: SyntaxNode): { base: string; args: SyntaxNode[] } | undefined {
  if (node.name !== "MemberExpression") return undefined;
  const parts = childrenOf(node);
  if (parts[1]?.name !== "[") return undefined;
  const base = dottedName(module, parts[0]!);
  if (!base) return undefined;
  return { base: base[base.length - 1]!, args: parts.slice(2, -1).filter((part) => part.name !== ",") };
}

/** The JSON type of a Python annotation: `Optional[List[str]]` is a nullable array of strings. */
export function annotationType(project: Project, module: PyModule, node: SyntaxNode): TypeInfo {
  const none: TypeInfo = { type: "unknown", nullable: false, constraints: {} };
  if (node.name === "BinaryExpression") {
    const sides = childrenOf(node).filter((part) => part.name !== "BitOp");
    const real = sides.filter((side) => side.name !== "None");
    const inner = real.length === 1 ? annotationType(project, module, real[0]!) : none;
    return { ...inner, nullable: inner.nullable || real.length < sides.length };
  }
  const sub = subscript(module, node);
  if (sub) {
    const [first] = sub.args;
    if (sub.base === "Optional" && first) return { ...annotationType(project, module, first), nullable: true };
    if (sub.base === "Union") {
      const real = sub.args.filter((arg) => arg.name !== "None");
      const inner = real.length === 1 ? annotationType(project, module, real[0]!) : none;
      return { ...inner, nullable: real.length < sub.args.length };
    }
    if (sub.base === "Annotated" && first) return annotationType(project, module, first);
    if (sub.base === "Literal") {
      const values = sub.args.map((arg) => evalIn(project, module, arg)).filter((value): value is JsonValue => value !== undefined);
      const type = typeof values[0] === "number" ? "integer" : typeof values[0] === "boolean" ? "boolean" : "string";
      return { type, nullable: false, constraints: { enum: values } };
    }
    if (/^(List|list|Set|set|Sequence|Tuple|tuple|FrozenSet)$/.test(sub.base)) {
      const items = first ? annotationType(project, module, first).type : "unknown";
      return { type: "array", nullable: false, constraints: items === "unknown" ? {} : { items } };
    }
    if (/^(Dict|dict|Mapping)$/.test(sub.base)) return { type: "object", nullable: false, constraints: {} };
    return none;
  }
  const path = dottedName(module, node);
  const last = path ? path[path.length - 1]! : "";
  if (SCALARS[last]) return { type: SCALARS[last], nullable: false, constraints: {} };
  if (STRING_FORMATS[last]) return { type: "string", nullable: false, constraints: { format: STRING_FORMATS[last] } };
  if (/^(list|List)$/.test(last)) return { type: "array", nullable: false, constraints: {} };
  if (/^(dict|Dict)$/.test(last)) return { type: "object", nullable: false, constraints: {} };
  const call = callParts(node);
  if (call) return annotationType(project, module, call.callee);
  return path && path.length > 0 && /^[A-Z]/.test(last) ? { type: "object", nullable: false, constraints: {} } : none;
}

function fieldConstraints(project: Project, module: PyModule, args: ReturnType<typeof callArgs>, type: ValueType): Constraints {
  const number = (key: string) => {
    const node = args.keywords.get(key);
    const value = node ? evalIn(project, module, node) : undefined;
    return typeof value === "number" ? value : undefined;
  };
  const out: Constraints = {};
  const min = number("min_length") ?? number("min_items");
  const max = number("max_length") ?? number("max_items");
  if (min !== undefined) out.minLength = min;
  if (max !== undefined) out.maxLength = max;
  const ge = number("ge") ?? (type === "integer" && number("gt") !== undefined ? number("gt")! + 1 : undefined);
  const le = number("le") ?? (type === "integer" && number("lt") !== undefined ? number("lt")! - 1 : undefined);
  if (ge !== undefined) out.minimum = ge;
  if (le !== undefined) out.maximum = le;
  return out;
}

function readField(project: Project, module: PyModule, statement: SyntaxNode, major: PydanticMajor): FieldSpec | undefined {
  const [name] = assignedNames(module, statement);
  const annotation = annotationOf(childrenOf(statement).find((child) => child.name === "TypeDef"));
  if (!name || !annotation || name.startsWith("_") || name === "model_config") return undefined;
  if (/^(ClassVar|typing\.ClassVar)\b/.test(textOf(module, annotation))) return undefined;
  const info = annotationType(project, module, annotation);
  const value = assignedValue(statement);
  let required = value === undefined && !(major === 1 && info.nullable);
  let fallback: JsonValue | undefined;
  let constraints = info.constraints;
  if (value && libraryCall(project, module, value, ["Field"])) {
    const args = callArgs(module, callParts(value)!.args);
    const first = args.positional[0] ?? args.keywords.get("default");
    required = (first === undefined || first.name === "Ellipsis") && !args.keywords.has("default_factory");
    fallback = first && first.name !== "Ellipsis" ? evalIn(project, module, first) : undefined;
    constraints = { ...constraints, ...fieldConstraints(project, module, args, info.type) };
  } else if (value) {
    required = value.name === "Ellipsis";
    fallback = value.name === "Ellipsis" ? undefined : evalIn(project, module, value);
  }
  return {
    name,
    type: info.type,
    required,
    nullable: info.nullable,
    ...(fallback !== undefined && fallback !== null ? { default: fallback } : {}),
    constraints,
    readOnly: false,
  };
}

/** Every class of application code that derives from pydantic's BaseModel, fields inherited first. */
export function findModels(project: Project, major: PydanticMajor): PydanticModel[] {
  const models = new Map<string, PydanticModel>();
  const building = new Set<string>();
  function build(module: PyModule, statement: SyntaxNode): PydanticModel | undefined {
    const key = nodeKey(module.path, statement);
    const known = models.get(key);
    if (known) return known;
    const cls = undecorated(statement);
    const name = definedName(module, cls);
    if (cls.name !== "ClassDefinition" || !name || building.has(key)) return undefined;
    building.add(key);
    const bases = childrenOf(cls).find((child) => child.name === "ArgList");
    const inherited: FieldSpec[] = [];
    let isModel = false;
    for (const base of bases ? callArgs(module, bases).positional : []) {
      const path = dottedName(module, base);
      if (!path) continue;
      if (isLibraryName(project, module, path, BASES)) isModel = true;
      const ref = project.resolve(module, path);
      const parent = ref?.k === "def" ? build(ref.module, ref.statement) : undefined;
      if (parent) {
        isModel = true;
        inherited.push(...parent.fields);
      }
    }
    building.delete(key);
    if (!isModel) return undefined;
    const body = bodyOf(cls);
    const own = (body ? statementsOf(body) : []).filter((s) => s.name === "AssignStatement").map((s) => readField(project, module, s, major));
    const fields = [...inherited.filter((field) => !own.some((o) => o?.name === field.name)), ...own.filter((field): field is FieldSpec => field !== undefined)];
    const model = { module, name, statement, fields };
    models.set(key, model);
    return model;
  }
  for (const module of project.modules) {
    if (module.isTest) continue;
    for (const statement of statementsOf(module.tree.topNode)) build(module, statement);
  }
  return [...models.values()];
}

/** The model an annotation names, when it is one of the repository's (through `List[...]` too). */
export function modelOf(project: Project, module: PyModule, models: PydanticModel[], annotation: string | undefined): PydanticModel | undefined {
  if (!annotation) return undefined;
  const name = /([A-Za-z_][\w.]*)\]*$/.exec(annotation.replace(/\s/g, ""))?.[1];
  if (!name) return undefined;
  const ref = project.resolve(module, name.split("."));
  return ref?.k === "def" ? models.find((model) => model.module === ref.module && sameNode(model.statement, ref.statement)) : undefined;
}
