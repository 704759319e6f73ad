import type { JsonValue } from "../../../understand/spec.js";

export type QuoteStyle = '"' | "'";

/** A Python string literal in the preferred quote, switching only to avoid escaping that quote. */
export function pyString(value: string, quote: QuoteStyle = '"'): string {
  const other: QuoteStyle = quote === '"' ? "'" : '"';
  const use = value.includes(quote) && !value.includes(other) ? other : quote;
  const body = value
    .replace(/\\/g, "\\\\")
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t")
    .replace(new RegExp(use, "g"), `\\${use}`);
  return `${use}${body}${use}`;
}

function pyNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Number.isFinite(value) ? String(value) : "None";
}

/** A JSON value written as a Python literal: `None`, `True`, dicts and lists. */
export function pyLiteral(value: JsonValue, quote: QuoteStyle = '"'): string {
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return pyNumber(value);
  if (typeof value === "string") return pyString(value, quote);
  if (Array.isArray(value)) return `[${value.map((item) => pyLiteral(item, quote)).join(", ")}]`;
  const entries = Object.entries(value).map(([key, item]) => `${pyString(key, quote)}: ${pyLiteral(item, quote)}`);
  return `{${entries.join(", ")}}`;
}
