import JSON5 from "json5";
import type { JsonValue } from "./spec.js";

/** A JSON example as written, and the top-level keys whose values are placeholders. */
export interface JsonExample {
  value: JsonValue;
  free: string[];
}

const PLACEHOLDER = /^(\.\.\.|…|<[^<>]*>|string|str|text|\.\.\..*|.*\.\.\.|.*…)$/;

export function isPlaceholder(value: JsonValue | undefined): boolean {
  return typeof value === "string" && PLACEHOLDER.test(value.trim());
}

function nextNonSpace(text: string, from: number): string {
  return /\S/.exec(text.slice(from))?.[0] ?? "";
}

function previousNonSpace(out: string): string {
  return /\S(?=\s*$)/.exec(out)?.[0] ?? "";
}

/** Turns placeholders JSON5 cannot read (bare `...`, `<message>`) into strings, and drops `...` standing for more keys. */
export function quotePlaceholders(raw: string): string {
  let out = "";
  let quote = "";
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw[i] ?? "";
    if (quote) {
      out += c;
      if (c === "\\") out += raw[++i] ?? "";
      else if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    const dots = raw.startsWith("...", i) ? 3 : c === "…" ? 1 : 0;
    if (dots > 0) {
      const after = nextNonSpace(raw, i + dots);
      // `{ "a": 1, ... }`: more keys of the same kind, not a value.
      if ((previousNonSpace(out) === "{" || previousNonSpace(out) === ",") && (after === "}" || after === ",")) {
        if (after === "," ) i = raw.indexOf(",", i + dots);
        else i += dots - 1;
        continue;
      }
      out += '"..."';
      i += dots - 1;
      continue;
    }
    const angle = c === "<" ? /^<([^<>"'\n]{0,40})>/.exec(raw.slice(i)) : null;
    if (angle) {
      out += JSON.stringify(angle[0]);
      i += angle[0].length - 1;
      continue;
    }
    out += c;
  }
  return out;
}

export function parseJsonExample(raw: string): JsonExample | undefined {
  if (raw.length > 20_000) return undefined;
  let value: JsonValue;
  try {
    value = JSON5.parse(quotePlaceholders(raw.trim()));
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== "object") return undefined;
  const top = Array.isArray(value) ? value[0] : value;
  const free =
    top && typeof top === "object" && !Array.isArray(top)
      ? Object.entries(top)
          .filter(([, v]) => isPlaceholder(v))
          .map(([k]) => k)
      : [];
  return { value, free };
}
