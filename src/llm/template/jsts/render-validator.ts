import type { FieldSpec, ValidationRule } from "../blueprint/blueprint.js";
import { brokenWhen, implicitTypeRule, simplify } from "./render-checks.js";

/** A field's rules in checking order: presence, type, then bounds. */
export function orderedRules(field: FieldSpec, rules: ValidationRule[], fallback: ValidationRule["error"]): ValidationRule[] {
  const own = rules.filter((r) => r.where === "body" && r.field === field.name);
  const implicit = own.some((r) => r.rule === "type") ? undefined : implicitTypeRule(field.name, "body", field.type, own[0]?.error ?? fallback);
  return [...own.filter((r) => r.rule === "required"), ...(implicit ? [implicit] : []), ...own.filter((r) => r.rule !== "required" && r.rule !== "type"), ...own.filter((r) => r.rule === "type")].sort(
    (a, b) => rank(a) - rank(b),
  );
}

function rank(r: ValidationRule): number {
  return r.rule === "required" ? 0 : r.rule === "type" ? 1 : 2;
}

/**
 * The checks of a body's fields, each `if (broken) <answer(rule)>`, written so that a value is
 * tested only once it is known to be there and of its type. With `partial` (a variable name),
 * required fields are required only when it is false.
 */
export function bodyChecks(body: string, fields: FieldSpec[], rules: ValidationRule[], fallback: ValidationRule["error"], answer: (rule: ValidationRule) => string, partial?: string): string[] {
  const lines: string[] = [];
  for (const field of fields) {
    const v = `${body}.${field.name}`;
    const ordered = orderedRules(field, rules, fallback);
    const required = ordered.some((r) => r.rule === "required");
    for (const rule of ordered) {
      if (rule.rule === "required") {
        const missing = `${v} === undefined || ${v} === null`;
        lines.push(`if (${partial ? `!${partial} && (${missing})` : missing}) ${answer(rule)}`);
        continue;
      }
      // Checks run in order, so each one may assume the value is there and of its type; a value
      // that may be absent is checked only when it is given.
      const core = brokenWhen(rule, v, field.type, true);
      if (!core) continue;
      const condition = simplify(core);
      const guarded = required && !partial ? condition : `${v} !== undefined && ${v} !== null && (${condition})`;
      lines.push(`if (${guarded}) ${answer(rule)}`);
    }
  }
  return lines;
}

/** Whether every rule of these endpoints answers the same status with the same kind of body. */
export function oneAnswer(rules: ValidationRule[]): ValidationRule["error"] | undefined {
  const first = rules[0]?.error;
  if (!first) return undefined;
  return rules.every((r) => r.error.status === first.status && JSON.stringify(r.error.body) === JSON.stringify(first.body)) ? first : undefined;
}

/**
 * A function that names the first problem with an item's fields, or undefined: shared by create,
 * replace and update, so the rules live in one place.
 */
export function validatorFunction(name: string, fields: FieldSpec[], rules: ValidationRule[], fallback: ValidationRule["error"], typescript: boolean, withPartial: boolean): string {
  const params = typescript ? `body: Record<string, unknown>${withPartial ? ", partial: boolean" : ""}` : `body${withPartial ? ", partial" : ""}`;
  const ret = typescript ? ": string | undefined" : "";
  const checks = bodyChecks("body", fields, rules, fallback, (r) => `{\nreturn ${JSON.stringify(r.error.message.replace(/`/g, ""))};\n}`, withPartial ? "partial" : undefined);
  return `function ${name}(${params})${ret} {\n${checks.join("\n")}\nreturn undefined;\n}`;
}
