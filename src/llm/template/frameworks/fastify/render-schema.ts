import type { Constraints } from "../../../../understand/spec.js";
import type { JsonValue, ValueType } from "../../blueprint/blueprint.js";

/** One property of an object schema: a path or query parameter, or a body field. */
export interface SchemaProp {
  name: string;
  type: ValueType;
  required: boolean;
  nullable: boolean;
  default?: JsonValue;
  constraints: Constraints;
}

/** TypeBox's builder as the repository imports it (`Type`), or plain JSON schema. */
export type Flavor = { typebox: string } | { typebox: undefined };

const IDENT = /^[A-Za-z_$][\w$]*$/;
const key = (name: string) => (IDENT.test(name) ? name : JSON.stringify(name));

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The keywords of a property beside its type: bounds, format, pattern, default. */
function keywords(p: SchemaProp): Record<string, JsonValue> {
  const c = p.constraints;
  const out: Record<string, JsonValue> = {};
  if (p.type === "string" || p.type === "unknown") {
    if (c.minLength !== undefined) out.minLength = c.minLength;
    if (c.maxLength !== undefined) out.maxLength = c.maxLength;
    if (c.format !== undefined) out.format = c.format === "url" ? "uri" : c.format;
    if (c.contains !== undefined) out.pattern = escapeRegex(c.contains);
  }
  if (p.type === "integer" || p.type === "number") {
    if (c.minimum !== undefined) out.minimum = c.minimum;
    if (c.maximum !== undefined) out.maximum = c.maximum;
  }
  if (p.default !== undefined) out.default = p.default;
  return out;
}

function literal(value: Record<string, JsonValue>): string {
  const entries = Object.entries(value).map(([k, v]) => `${key(k)}: ${JSON.stringify(v)}`);
  return `{ ${entries.join(", ")} }`;
}

function jsonProp(p: SchemaProp): string {
  const c = p.constraints;
  const type: JsonValue = p.type === "unknown" ? null : p.nullable ? [p.type, "null"] : p.type;
  const base: Record<string, JsonValue> = type === null ? {} : { type };
  if (p.type === "array") base.items = { type: c.items === "integer" || c.items === "number" || c.items === "boolean" ? c.items : "string" };
  if (c.enum && c.enum.length > 0) base.enum = p.nullable ? [...c.enum, null] : c.enum;
  return literal({ ...base, ...keywords(p) });
}

function typeboxProp(p: SchemaProp, t: string): string {
  const kw = keywords(p);
  const opts = Object.keys(kw).length > 0 ? literal(kw) : "";
  const c = p.constraints;
  let s: string;
  if (c.enum && c.enum.length > 0) s = `${t}.Union([${c.enum.map((v) => `${t}.Literal(${JSON.stringify(v)})`).join(", ")}]${opts ? `, ${opts}` : ""})`;
  else {
    switch (p.type) {
      case "string":
        s = `${t}.String(${opts})`;
        break;
      case "integer":
        s = `${t}.Integer(${opts})`;
        break;
      case "number":
        s = `${t}.Number(${opts})`;
        break;
      case "boolean":
        s = `${t}.Boolean(${opts})`;
        break;
      case "array":
        s = `${t}.Array(${c.items === "integer" ? `${t}.Integer()` : c.items === "number" ? `${t}.Number()` : c.items === "boolean" ? `${t}.Boolean()` : `${t}.String()`}${opts ? `, ${opts}` : ""})`;
        break;
      case "object":
        s = `${t}.Record(${t}.String(), ${t}.Unknown())`;
        break;
      default:
        s = `${t}.Unknown()`;
    }
  }
  if (p.nullable) s = `${t}.Union([${s}, ${t}.Null()])`;
  return p.required ? s : `${t}.Optional(${s})`;
}

/** An object schema for the properties, in the repository's flavor. */
export function objectSchema(props: SchemaProp[], flavor: Flavor): string {
  if (flavor.typebox) return `${flavor.typebox}.Object({ ${props.map((p) => `${key(p.name)}: ${typeboxProp(p, flavor.typebox!)}`).join(", ")} })`;
  const required = props.filter((p) => p.required).map((p) => p.name);
  const properties = props.map((p) => `${key(p.name)}: ${jsonProp(p)}`).join(", ");
  return `{ type: "object", ${required.length > 0 ? `required: ${JSON.stringify(required)}, ` : ""}properties: { ${properties} } }`;
}

/** The TypeScript type of a property's value once validated. */
export function tsTypeOf(p: Pick<SchemaProp, "type" | "nullable" | "constraints">): string {
  const c = p.constraints;
  const base =
    c.enum && c.enum.length > 0 ? c.enum.map((v) => JSON.stringify(v)).join(" | ")
    : p.type === "integer" || p.type === "number" ? "number"
    : p.type === "boolean" ? "boolean"
    : p.type === "array" ? `${c.items === "integer" || c.items === "number" ? "number" : c.items === "boolean" ? "boolean" : "string"}[]`
    : p.type === "object" ? "Record<string, unknown>"
    : p.type === "unknown" ? "unknown"
    : "string";
  return p.nullable ? `${base} | null` : base;
}

/** `{ sides: number; name?: string }`: an object type for props. */
export function tsObjectType(props: SchemaProp[]): string {
  return `{ ${props.map((p) => `${key(p.name)}${p.required || p.default !== undefined ? "" : "?"}: ${tsTypeOf(p)}`).join("; ")} }`;
}
