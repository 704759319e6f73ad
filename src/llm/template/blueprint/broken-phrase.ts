import type { ValidationRule } from "./blueprint.js";

/** What breaking a rule looks like, for a test's name: "`name` is longer than 50 characters". */
export function brokenPhrase(rule: ValidationRule): string {
  const f = `\`${rule.field}\``;
  const v = rule.value;
  switch (rule.rule) {
    case "required":
      return `${f} is missing`;
    case "type":
      return `${f} is not ${v === "integer" ? "an integer" : v === "boolean" ? "a boolean" : v === "array" ? "an array" : "a number"}`;
    case "minLength":
      return v === 1 ? `${f} is empty` : `${f} is shorter than ${String(v)} characters`;
    case "maxLength":
      return `${f} is longer than ${String(v)} characters`;
    case "minimum":
      return `${f} is below ${String(v)}`;
    case "maximum":
      return `${f} is above ${String(v)}`;
    case "format":
      return `${f} is not a valid ${String(v)}`;
    case "contains":
      return `${f} has no ${JSON.stringify(v)}`;
    case "enum":
      return `${f} is not one of the allowed values`;
  }
}
