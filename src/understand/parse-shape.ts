import type { JsonValue } from "./spec.js";
import { valueTypeOf, type FieldFacts, type NamedFacts } from "./field-facts.js";
import { isPlaceholder, parseJsonExample, type JsonExample } from "./parse-json-example.js";
import { parsePyShape } from "./parse-py-shape.js";
import { parseTsShape } from "./parse-ts-shape.js";

/** A shape the issue shows: a JSON example (values are examples) or a declaration (values are types). */
export interface Shape {
  example?: JsonExample;
  fields: NamedFacts[];
}

function placeholderFacts(value: string): FieldFacts {
  const hint = value.toLowerCase();
  if (/number|float|decimal/.test(hint)) return { type: "number", typeFrom: "declared" };
  if (/int|count/.test(hint)) return { type: "integer", typeFrom: "declared" };
  if (/bool/.test(hint)) return { type: "boolean", typeFrom: "declared" };
  return { type: "string", typeFrom: "example" };
}

function factsOfValue(value: JsonValue): FieldFacts {
  if (isPlaceholder(value)) return placeholderFacts(String(value));
  if (value === null) return { nullable: true };
  const type = valueTypeOf(value);
  const items = Array.isArray(value) && value.length > 0 ? valueTypeOf(value[0]) : undefined;
  return { type, typeFrom: "example", example: value, constraints: items ? { items } : undefined };
}

/** Fields of a JSON example: its object, or the first item of an array of objects. */
export function fieldsOfExample(value: JsonValue): NamedFacts[] {
  const top = Array.isArray(value) ? value[0] : value;
  if (!top || typeof top !== "object" || Array.isArray(top)) return [];
  return Object.entries(top).map(([name, v]) => ({ name, facts: factsOfValue(v) }));
}

function asJson(raw: string): Shape | undefined {
  const example = parseJsonExample(raw);
  return example ? { example, fields: fieldsOfExample(example.value) } : undefined;
}

function asDeclared(parse: (raw: string) => NamedFacts[] | undefined, raw: string): Shape | undefined {
  const fields = parse(raw);
  return fields ? { fields } : undefined;
}

/** Reads a code block or inline code as a shape; `lang` picks the first reader to try. */
export function parseShape(raw: string, lang = ""): Shape | undefined {
  const text = raw.trim();
  if (text === "" || text.length > 20_000) return undefined;
  const json = (): Shape | undefined => asJson(text);
  const ts = (): Shape | undefined => asDeclared(parseTsShape, text);
  const py = (): Shape | undefined => asDeclared(parsePyShape, text);
  const order = /^(ts|typescript|tsx)$/.test(lang) ? [ts, json] : /^(py|python)$/.test(lang) ? [py, json] : [json, py, ts];
  for (const read of order) {
    try {
      const shape = read();
      if (shape) return shape;
    } catch {
      // A reader that trips over odd input says nothing; the next one may read it.
    }
  }
  return undefined;
}

/** Inline code that could be a shape: an object, an array of objects, or a declaration. */
export function looksLikeShape(text: string): boolean {
  return /^\s*(\{[\s\S]*\}|\[\s*\{[\s\S]*\}\s*\]|(export\s+)?(interface|type)\s+\w+[\s\S]*\}|class\s+\w+[\s\S]*:)\s*$/.test(text);
}
