import type { Constraints, JsonValue, ValueType } from "../../../../understand/spec.js";
import type { ErrorPlan, ValidationRule } from "../../blueprint/blueprint.js";
import type { PyImport } from "../../python/import-statements.js";
import { pyLiteral, type QuoteStyle } from "../../python/python-literal.js";
import type { Code } from "./python-types.js";

// Simple shapes rather than full RFC grammars: what an API checks before storing a value.
const FORMATS: Record<NonNullable<Constraints["format"]>, string> = {
  email: "[^@\\s]+@[^@\\s]+\\.[^@\\s]+",
  url: "https?://[^\\s/$.?#][^\\s]*",
  uuid: "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
  date: "\\d{4}-\\d{2}-\\d{2}",
  "date-time": "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?",
};

export function formatPattern(format: NonNullable<Constraints["format"]>): string {
  return FORMATS[format];
}

/** A raw string literal for a regular expression. */
export function rawPattern(pattern: string, quote: QuoteStyle): string {
  return `r${quote}${pattern}${quote}`;
}

/** Whether FastAPI's own validation answers this rule as the issue wants: 422 in its usual shape. */
export function isNative(rule: { error: ErrorPlan }): boolean {
  return rule.error.status === 422 && rule.error.body.kind === "repo";
}

const TYPE_TESTS: Record<string, string> = {
  string: "isinstance(VALUE, str)",
  integer: "isinstance(VALUE, int) and not isinstance(VALUE, bool)",
  number: "isinstance(VALUE, (int, float)) and not isinstance(VALUE, bool)",
  boolean: "isinstance(VALUE, bool)",
  array: "isinstance(VALUE, list)",
  object: "isinstance(VALUE, dict)",
};

/**
 * The condition under which a value breaks a rule. Raw JSON values are tested for their type
 * first; a value FastAPI already typed (`typed`) only for None when it is optional.
 */
export function brokenWhen(
  rule: ValidationRule,
  value: string,
  quote: QuoteStyle,
  constraints: Constraints,
  type: ValueType = "string",
  typed?: { optional: boolean },
): Code | undefined {
  const bound = typeof rule.value === "number" ? rule.value : undefined;
  const guard = (rawTest: string) => (typed ? (typed.optional ? `${value} is not None and ` : "") : `${rawTest} and `);
  const sized = guard(`isinstance(${value}, (str, list))`);
  const numeric = guard(`isinstance(${value}, (int, float))`);
  const text = guard(`isinstance(${value}, str)`);
  switch (rule.rule) {
    case "required":
      return { code: `${value} is None`, imports: [] };
    case "type": {
      const test = TYPE_TESTS[typeof rule.value === "string" && TYPE_TESTS[rule.value] ? rule.value : type];
      return test ? { code: `${value} is not None and not (${test.replaceAll("VALUE", value)})`, imports: [] } : undefined;
    }
    case "minLength":
      return bound === undefined ? undefined : { code: `${sized}len(${value}) < ${bound}`, imports: [] };
    case "maxLength":
      return bound === undefined ? undefined : { code: `${sized}len(${value}) > ${bound}`, imports: [] };
    case "minimum":
      return bound === undefined ? undefined : { code: `${numeric}${value} < ${bound}`, imports: [] };
    case "maximum":
      return bound === undefined ? undefined : { code: `${numeric}${value} > ${bound}`, imports: [] };
    case "contains": {
      const needle = typeof rule.value === "string" ? rule.value : constraints.contains;
      return needle === undefined ? undefined : { code: `${text}${pyLiteral(needle, quote)} not in ${value}`, imports: [] };
    }
    case "format": {
      const format = (typeof rule.value === "string" ? rule.value : constraints.format) as Constraints["format"];
      if (!format || !FORMATS[format]) return undefined;
      return { code: `${text}re.fullmatch(${rawPattern(FORMATS[format], quote)}, ${value}) is None`, imports: [{ module: "re" }] };
    }
    case "enum": {
      const values = Array.isArray(rule.value) ? rule.value : constraints.enum;
      if (!values) return undefined;
      return { code: `${value} is not None and ${value} not in (${values.map((v: JsonValue) => pyLiteral(v, quote)).join(", ")}${values.length === 1 ? "," : ""})`, imports: [] };
    }
  }
}

/** The body an error answers with: the stated example, its free keys holding the message. */
export function statedContent(plan: ErrorPlan): JsonValue {
  if (plan.body.kind !== "stated") return { detail: plan.message };
  const example = plan.body.example;
  if (example === null || typeof example !== "object" || Array.isArray(example)) return example;
  const free = new Set(plan.body.free);
  return Object.fromEntries(Object.entries(example).map(([key, item]) => [key, free.has(key) ? plan.message : item]));
}

/** The statement that answers an error: FastAPI's HTTPException for its usual shape, a JSONResponse for a stated one. */
export function errorStatement(plan: ErrorPlan, quote: QuoteStyle): Code {
  if (plan.body.kind === "repo") {
    return { code: `raise HTTPException(status_code=${plan.status}, detail=${pyLiteral(plan.message, quote)})`, imports: [{ module: "fastapi", name: "HTTPException" }] };
  }
  const imports: PyImport[] = [{ module: "fastapi.responses", name: "JSONResponse" }];
  return { code: `return JSONResponse(status_code=${plan.status}, content=${pyLiteral(statedContent(plan), quote)})`, imports };
}
