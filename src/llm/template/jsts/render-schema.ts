import type { FieldSpec, JsonValue } from "../blueprint/blueprint.js";

const IDENT = /^[A-Za-z_$][\w$]*$/;
const key = (name: string) => (IDENT.test(name) ? name : JSON.stringify(name));

function zodBase(f: FieldSpec, z: string): string {
  const c = f.constraints;
  if (c.enum && c.enum.length > 0 && c.enum.every((v) => typeof v === "string")) return `${z}.enum(${JSON.stringify(c.enum)})`;
  switch (f.type) {
    case "integer":
      return `${z}.number().int()${c.minimum !== undefined ? `.min(${c.minimum})` : ""}${c.maximum !== undefined ? `.max(${c.maximum})` : ""}`;
    case "number":
      return `${z}.number()${c.minimum !== undefined ? `.min(${c.minimum})` : ""}${c.maximum !== undefined ? `.max(${c.maximum})` : ""}`;
    case "boolean":
      return `${z}.boolean()`;
    case "array":
      return `${z}.array(${c.items === "integer" ? `${z}.number().int()` : c.items === "number" ? `${z}.number()` : c.items === "boolean" ? `${z}.boolean()` : `${z}.string()`})`;
    case "object":
      return `${z}.record(${z}.string(), ${z}.unknown())`;
    default: {
      let s = `${z}.string()`;
      if (c.format === "email") s += ".email()";
      if (c.format === "url") s += ".url()";
      if (c.format === "uuid") s += ".uuid()";
      if (c.minLength !== undefined) s += `.min(${c.minLength})`;
      if (c.maxLength !== undefined) s += `.max(${c.maxLength})`;
      if (c.contains !== undefined) s += `.includes(${JSON.stringify(c.contains)})`;
      return s;
    }
  }
}

/** A zod object schema for an item's fields; `partial` leaves every field optional and fills in no default. */
export function zodObject(fields: FieldSpec[], z: string, partial: boolean): string {
  const entries = fields.map((f) => {
    let s = zodBase(f, z);
    if (f.nullable) s += ".nullable()";
    if (partial) s += ".optional()";
    else if (f.default !== undefined) s += `.default(${JSON.stringify(f.default as JsonValue)})`;
    else if (!f.required) s += ".optional()";
    return `${key(f.name)}: ${s}`;
  });
  return `${z}.object({ ${entries.join(", ")} })`;
}

function joiBase(f: FieldSpec, joi: string): string {
  const c = f.constraints;
  if (c.enum && c.enum.length > 0) return `${joi}.valid(${c.enum.map((v) => JSON.stringify(v)).join(", ")})`;
  switch (f.type) {
    case "integer":
      return `${joi}.number().integer()${c.minimum !== undefined ? `.min(${c.minimum})` : ""}${c.maximum !== undefined ? `.max(${c.maximum})` : ""}`;
    case "number":
      return `${joi}.number()${c.minimum !== undefined ? `.min(${c.minimum})` : ""}${c.maximum !== undefined ? `.max(${c.maximum})` : ""}`;
    case "boolean":
      return `${joi}.boolean()`;
    case "array":
      return `${joi}.array()`;
    case "object":
      return `${joi}.object()`;
    default: {
      let s = `${joi}.string()`;
      if (c.format === "email") s += ".email()";
      if (c.format === "url") s += ".uri()";
      if (c.minLength !== undefined) s += `.min(${c.minLength})`;
      else s += `.allow("")`;
      if (c.maxLength !== undefined) s += `.max(${c.maxLength})`;
      if (c.contains !== undefined) s += `.pattern(/${c.contains.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}/)`;
      return s;
    }
  }
}

/** A joi object schema for an item's fields. */
export function joiObject(fields: FieldSpec[], joi: string, partial: boolean): string {
  const entries = fields.map((f) => {
    let s = joiBase(f, joi);
    if (f.nullable) s += ".allow(null)";
    if (!partial && f.default !== undefined) s += `.default(${JSON.stringify(f.default as JsonValue)})`;
    else if (!partial && f.required) s += ".required()";
    return `${key(f.name)}: ${s}`;
  });
  return `${joi}.object({ ${entries.join(", ")} })`;
}
