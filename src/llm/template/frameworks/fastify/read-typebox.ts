import ts from "typescript";
import type { JsonValue } from "../../../../understand/spec.js";
import type { JsProject } from "../../jsts/project.js";
import { constantValue, originOf, packageRef, unwrap } from "../../jsts/symbols.js";

type Json = { [key: string]: JsonValue };

const PACKAGES = new Set(["@sinclair/typebox", "typebox"]);

/** The TypeBox builder a call uses (`Type.String` → `String`), when it is one. */
export function typeboxKind(project: JsProject, call: ts.CallExpression): string | undefined {
  const ref = packageRef(project, call.expression);
  if (!ref || !PACKAGES.has(ref.pkg)) return undefined;
  return ref.path[ref.path.length - 1];
}

function options(project: JsProject, node: ts.Expression | undefined): Json {
  const v = node ? constantValue(project, node) : undefined;
  return v && typeof v === "object" && !Array.isArray(v) ? v : {};
}

/**
 * A TypeBox schema as the JSON schema it builds: `Type.Object({ title: Type.String({ minLength: 1 }) })`
 * → `{ type: "object", properties: { title: { type: "string", minLength: 1 } }, required: ["title"] }`.
 * `optional` marks `Type.Optional(...)`, which only an object's properties can be.
 */
export function readTypebox(project: JsProject, expr: ts.Expression, depth = 0): (Json & { optional?: boolean }) | undefined {
  if (depth > 16) return undefined;
  const e = unwrap(expr);
  const origin = ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) ? originOf(project, e) : e;
  if (!ts.isCallExpression(origin)) return undefined;
  const kind = typeboxKind(project, origin);
  if (!kind) return undefined;
  const [a, b] = origin.arguments;
  const inner = (x: ts.Expression | undefined) => (x ? readTypebox(project, x, depth + 1) : undefined);
  switch (kind) {
    case "String":
      return { type: "string", ...options(project, a) };
    case "Integer":
      return { type: "integer", ...options(project, a) };
    case "Number":
      return { type: "number", ...options(project, a) };
    case "Boolean":
      return { type: "boolean", ...options(project, a) };
    case "Null":
      return { type: "null" };
    case "Literal": {
      const v = a ? constantValue(project, a) : undefined;
      return v === undefined ? undefined : { const: v, type: typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : "string" };
    }
    case "Optional": {
      const s = inner(a);
      return s ? { ...s, optional: true } : undefined;
    }
    case "Array": {
      const items = inner(a);
      return { type: "array", ...(items ? { items } : {}), ...options(project, b) };
    }
    case "Union": {
      const list = a && ts.isArrayLiteralExpression(unwrap(a)) ? (unwrap(a) as ts.ArrayLiteralExpression).elements.map((x) => inner(x)) : [];
      const consts = list.map((s) => s?.const);
      if (list.length > 0 && consts.every((c) => c !== undefined)) return { type: typeof consts[0] === "number" ? "number" : "string", enum: consts as JsonValue[] };
      const nonNull = list.filter((s) => s && s.type !== "null");
      if (nonNull.length === 1 && list.length === 2) return { ...nonNull[0]!, nullable: true };
      return { anyOf: list.filter((s): s is Json => s !== undefined) };
    }
    case "Object": {
      const props = a ? unwrap(a) : undefined;
      if (!props || !ts.isObjectLiteralExpression(props)) return { type: "object" };
      const properties: Json = {};
      const required: string[] = [];
      for (const p of props.properties) {
        if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) continue;
        const s = readTypebox(project, p.initializer, depth + 1);
        if (!s) continue;
        const { optional, ...rest } = s;
        properties[p.name.text] = rest;
        if (!optional) required.push(p.name.text);
      }
      return { type: "object", properties, required, ...options(project, b) };
    }
    default:
      return {};
  }
}
