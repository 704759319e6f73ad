import type { Constraints, JsonValue, ValueType } from "./spec.js";

/** What one statement says about a field or parameter; statements are merged into a FieldSpec later. */
export interface FieldFacts {
  type?: ValueType;
  /** Where the type comes from: words and declarations outrank example values. */
  typeFrom?: "declared" | "example";
  required?: boolean;
  /** Said in words ("required", "optional") or with `?:`, not merely implied by a declaration. */
  requiredStated?: boolean;
  nullable?: boolean;
  default?: { value: JsonValue };
  constraints?: Constraints;
  example?: JsonValue;
  readOnly?: boolean;
  /** "the id", "a generated `id`": this field identifies an item. */
  isId?: boolean;
  /** "positive": a minimum of 1 once the type is known to be an integer. */
  positive?: boolean;
}

export interface NamedFacts {
  name: string;
  facts: FieldFacts;
}

export function valueTypeOf(value: JsonValue | undefined): ValueType {
  if (value === null || value === undefined) return "unknown";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "string") return "string";
  return Array.isArray(value) ? "array" : "object";
}

/** A type word as maintainers write it in any language: `str`, `int`, `Integer`, `bool`, `float`, `Date`. */
export function typeFromWord(word: string): { type: ValueType; format?: Constraints["format"]; items?: ValueType } | undefined {
  const w = word.toLowerCase().replace(/[`'"]/g, "");
  if (/^(string|str|text|varchar|char)$/.test(w)) return { type: "string" };
  if (/^(integer|int|int32|int64|long|whole number|i32|i64|u32)$/.test(w)) return { type: "integer" };
  if (/^(number|float|double|decimal|numeric|real|f64|f32)$/.test(w)) return { type: "number" };
  if (/^(boolean|bool|flag)$/.test(w)) return { type: "boolean" };
  if (/^(date)$/.test(w)) return { type: "string", format: "date" };
  if (/^(datetime|date-time|timestamp|instant|iso date|iso 8601)$/.test(w)) return { type: "string", format: "date-time" };
  if (/^(email|emailstr|email address)$/.test(w)) return { type: "string", format: "email" };
  if (/^(url|uri|httpurl|anyurl|link)$/.test(w)) return { type: "string", format: "url" };
  if (/^(uuid|guid)$/.test(w)) return { type: "string", format: "uuid" };
  if (/^(object|dict|map|record|json)$/.test(w)) return { type: "object" };
  if (/^(array|list)$/.test(w)) return { type: "array" };
  return undefined;
}

/** A value as written in prose or code: `false`, `0`, `"x"`, "an empty string", `[]`. */
export function literalValue(text: string): JsonValue | undefined {
  const t = text.trim().replace(/^`|`$/g, "").trim();
  if (/^(an?\s+)?empty\s+string$|^""$|^''$/i.test(t)) return "";
  if (/^(an?\s+)?empty\s+(list|array)$|^\[\s*\]$/i.test(t)) return [];
  if (/^(an?\s+)?empty\s+(object|dict|map)$|^\{\s*\}$/i.test(t)) return {};
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === "true";
  if (/^(null|none|nil)$/i.test(t)) return null;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  const quoted = /^"([^"]*)"$|^'([^']*)'$|^“([^”]*)”$/.exec(t);
  if (quoted) return quoted[1] ?? quoted[2] ?? quoted[3] ?? "";
  if (/^[\w-]{1,40}$/.test(t)) return t;
  return undefined;
}
