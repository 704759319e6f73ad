import ts from "typescript";
import type { Constraints, FieldSpec, JsonValue, ValueType } from "../../../../understand/spec.js";
import type { JsProject } from "../../jsts/project.js";
import { constantValue, unwrap } from "../../jsts/symbols.js";
import { readTypebox } from "./read-typebox.js";

export type JsonSchema = { [key: string]: JsonValue };

/** A route schema part as JSON schema, and whether it is written with TypeBox. */
export interface ReadSchema {
  schema: JsonSchema;
  typebox: boolean;
}

/** Reads a JSON schema object literal, or a TypeBox schema, through the names it is kept in. */
export function readSchema(project: JsProject, expr: ts.Expression | undefined): ReadSchema | undefined {
  if (!expr) return undefined;
  const typebox = readTypebox(project, unwrap(expr));
  if (typebox) {
    const { optional: _optional, ...schema } = typebox;
    return { schema, typebox: true };
  }
  const value = constantValue(project, expr);
  return value && typeof value === "object" && !Array.isArray(value) ? { schema: value, typebox: false } : undefined;
}

function valueType(schema: JsonSchema): ValueType {
  const t = Array.isArray(schema.type) ? schema.type.find((x) => x !== "null") : schema.type;
  return t === "string" || t === "integer" || t === "number" || t === "boolean" || t === "array" || t === "object" ? t : "unknown";
}

function constraints(schema: JsonSchema): Constraints {
  const c: Constraints = {};
  const num = (k: string) => (typeof schema[k] === "number" ? (schema[k] as number) : undefined);
  if (num("minLength") !== undefined) c.minLength = num("minLength");
  if (num("maxLength") !== undefined) c.maxLength = num("maxLength");
  if (num("minimum") !== undefined) c.minimum = num("minimum");
  if (num("maximum") !== undefined) c.maximum = num("maximum");
  const format = schema.format === "uri" ? "url" : schema.format;
  if (format === "email" || format === "url" || format === "uuid" || format === "date" || format === "date-time") c.format = format;
  if (Array.isArray(schema.enum)) c.enum = schema.enum;
  return c;
}

/** The properties of an object schema, as fields of a request body. */
export function fieldsOf(schema: JsonSchema): FieldSpec[] {
  const properties = schema.properties;
  if (!properties || typeof properties !== "object" || Array.isArray(properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === "string") : []);
  return Object.entries(properties).map(([name, raw]) => {
    const p = raw && typeof raw === "object" && !Array.isArray(raw) ? raw : {};
    const nullable = p.nullable === true || (Array.isArray(p.type) && p.type.includes("null"));
    return { name, type: valueType(p), required: required.has(name), nullable, ...(p.default !== undefined ? { default: p.default } : {}), constraints: constraints(p), readOnly: false };
  });
}

/** The type a property of an object schema declares (`params.id` → integer). */
export function propertyType(schema: JsonSchema | undefined, name: string): ValueType {
  const p = schema?.properties;
  if (!p || typeof p !== "object" || Array.isArray(p)) return "unknown";
  const prop = p[name];
  return prop && typeof prop === "object" && !Array.isArray(prop) ? valueType(prop) : "unknown";
}
