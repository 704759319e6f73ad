import type { ValidationRule, ValueType } from "../blueprint/blueprint.js";

const FORMATS: Record<string, string> = {
  email: String.raw`/^[^\s@]+@[^\s@]+\.[^\s@]+$/`,
  url: String.raw`/^https?:\/\/\S+$/i`,
  uuid: String.raw`/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i`,
};

function typeBroken(v: string, type: ValueType): string | undefined {
  switch (type) {
    case "string":
      return `typeof ${v} !== "string"`;
    case "integer":
      return `!Number.isInteger(${v})`;
    case "number":
      return `typeof ${v} !== "number" || Number.isNaN(${v})`;
    case "boolean":
      return `typeof ${v} !== "boolean"`;
    case "array":
      return `!Array.isArray(${v})`;
    case "object":
      return `typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})`;
    default:
      return undefined;
  }
}

/**
 * JavaScript that is true when a value breaks a rule. Rules other than `required` hold only for
 * values that are present; the type is checked before the bounds, so a bound never runs on a
 * value of the wrong type.
 */
export function brokenWhen(rule: ValidationRule, v: string, type: ValueType, known = false): string | undefined {
  // A value known to be present and of its type (a path parameter, a query value with a default) needs no guard.
  const present = known ? "true" : `${v} !== undefined && ${v} !== null`;
  const str = known && type === "string" ? v : `String(${v})`;
  const value = rule.value;
  switch (rule.rule) {
    case "required":
      return known ? undefined : `${v} === undefined || ${v} === null`;
    case "type": {
      const broken = typeBroken(v, type);
      return broken ? `${present} && (${broken})` : undefined;
    }
    case "minLength":
      return `${present} && ${str}.length < ${Number(value)}`;
    case "maxLength":
      return `${present} && ${str}.length > ${Number(value)}`;
    case "minimum":
      return `${present} && ${v} < ${Number(value)}`;
    case "maximum":
      return `${present} && ${v} > ${Number(value)}`;
    case "format": {
      const format = FORMATS[String(value)];
      if (format) return `${present} && !${format}.test(${str})`;
      return `${present} && Number.isNaN(Date.parse(${str}))`;
    }
    case "contains":
      return `${present} && !${str}.includes(${JSON.stringify(value)})`;
    case "enum":
      return `${present} && !${JSON.stringify(value)}.includes(${v})`;
  }
}

/** The rule a string-typed field needs though the issue only implied it: a string must be a string. */
export function implicitTypeRule(field: string, where: ValidationRule["where"], type: ValueType, error: ValidationRule["error"]): ValidationRule | undefined {
  if (type !== "string") return undefined;
  return { where, field, rule: "type", value: "string", error: { ...error, message: `\`${field}\` must be a string` } };
}

/** Drops the `true && ` a known value leaves in a condition. */
export function simplify(condition: string): string {
  return condition.replace(/^true && \((.*)\)$/, "$1").replace(/^true && /, "");
}
