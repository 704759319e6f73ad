import type { FieldSpec, JsonValue, ParamSpec, RuleKind, ValidationRule } from "../blueprint/blueprint.js";

type Typed = Pick<FieldSpec, "name" | "type" | "constraints" | "example">;

const WORDS = ["Write the release notes", "Review the pull request", "Plan the next sprint"];

function fitString(value: string, c: FieldSpec["constraints"]): string {
  let v = value;
  if (c.maxLength !== undefined && v.length > c.maxLength) v = v.slice(0, Math.max(c.maxLength, 0));
  if (c.minLength !== undefined && v.length < c.minLength) v = v.padEnd(c.minLength, "x");
  return v;
}

function satisfies(f: Typed, v: JsonValue | undefined): boolean {
  if (v === undefined || v === null) return false;
  const c = f.constraints;
  if (f.type === "string") {
    if (typeof v !== "string") return false;
    if (c.minLength !== undefined && v.length < c.minLength) return false;
    if (c.maxLength !== undefined && v.length > c.maxLength) return false;
    if (c.contains !== undefined && !v.includes(c.contains)) return false;
    return true;
  }
  if (f.type === "integer") return typeof v === "number" && Number.isInteger(v) && (c.minimum === undefined || v >= c.minimum) && (c.maximum === undefined || v <= c.maximum);
  if (f.type === "number") return typeof v === "number" && (c.minimum === undefined || v >= c.minimum) && (c.maximum === undefined || v <= c.maximum);
  if (f.type === "boolean") return typeof v === "boolean";
  return true;
}

/** A valid value for a field; variant 1 differs from variant 0, for updates. */
export function sampleValue(f: Typed, variant: 0 | 1): JsonValue {
  const c = f.constraints;
  if (variant === 0 && satisfies(f, f.example)) return f.example!;
  if (c.enum && c.enum.length > 0) return c.enum[variant % c.enum.length]!;
  switch (f.type) {
    case "integer": {
      const lo = c.minimum ?? (c.maximum !== undefined && c.maximum < 1 ? c.maximum - 1 : 1);
      const v = Math.ceil(lo) + variant + (c.minimum === undefined ? 1 : 0);
      return c.maximum !== undefined ? Math.min(v, Math.floor(c.maximum)) : v;
    }
    case "number": {
      const lo = c.minimum ?? 0;
      const v = lo + 1.5 + variant;
      return c.maximum !== undefined ? Math.min(v, c.maximum) : v;
    }
    case "boolean":
      return variant === 0;
    case "array":
      return c.items === "integer" || c.items === "number" ? [1 + variant] : [`tag-${variant + 1}`];
    case "object":
      return {};
    default:
      return fitString(stringSample(f, variant), c);
  }
}

function stringSample(f: Typed, variant: 0 | 1): string {
  const c = f.constraints;
  const name = f.name.toLowerCase();
  if (c.format === "email" || name.includes("email")) return variant === 0 ? "ada@example.com" : "grace@example.com";
  if (c.format === "url" || /url|link|website|href/.test(name)) return variant === 0 ? "https://example.com/first" : "https://example.org/second";
  if (c.format === "uuid") return variant === 0 ? "3f2504e0-4f89-41d3-9a0c-0305e82c3301" : "9b2c1d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e";
  if (c.format === "date") return variant === 0 ? "2024-05-01" : "2024-06-15";
  if (c.format === "date-time") return variant === 0 ? "2024-05-01T10:00:00.000Z" : "2024-06-15T12:30:00.000Z";
  if (/phone|tel/.test(name)) return variant === 0 ? "555-0100" : "555-0199";
  if (/name/.test(name)) return variant === 0 ? "Ada Lovelace" : "Grace Hopper";
  const base = /title|subject|summary|label/.test(name) ? WORDS[variant]! : `${f.name} ${variant === 0 ? "one" : "two"}`;
  return c.contains !== undefined && !base.includes(c.contains) ? `${base}${c.contains}example` : base;
}

/** A value for a path or query parameter that passes its rules, as it appears in a URL. */
export function sampleParam(p: ParamSpec): string {
  if (p.example !== undefined && satisfies(p, p.example)) return String(p.example);
  if (p.type === "integer" || p.type === "number") return String(sampleValue(p, 0));
  return fitString(p.name === "word" ? "level" : `sample`, p.constraints);
}

/** A value that breaks exactly one rule; `undefined` means "leave the field out". */
export function breaking(rule: Pick<ValidationRule, "rule" | "value">, type: FieldSpec["type"]): JsonValue | undefined {
  const kind: RuleKind = rule.rule;
  const n = typeof rule.value === "number" ? rule.value : 0;
  switch (kind) {
    case "required":
      return undefined;
    case "type":
      return type === "boolean" ? "not-a-boolean" : type === "array" ? "not-an-array" : "not-a-number";
    case "minLength":
      return "x".repeat(Math.max(0, n - 1));
    case "maxLength":
      return "x".repeat(n + 1);
    case "minimum":
      return type === "integer" ? Math.ceil(n) - 1 : n - 1;
    case "maximum":
      return type === "integer" ? Math.floor(n) + 1 : n + 1;
    case "format":
      return rule.value === "email" ? "not-an-email" : `not a ${String(rule.value)}`;
    case "contains":
      return `no-${String(rule.value).replace(/[^a-z0-9]/gi, "") || "mark"}-here`.replace(String(rule.value), "");
    case "enum":
      return "not-one-of-them";
  }
}
