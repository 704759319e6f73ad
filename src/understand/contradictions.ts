import type { Constraints, FieldSpec, JsonValue, NotUnderstood, ParamSpec } from "./spec.js";
import type { EndpointDraft } from "./endpoint-draft.js";
import type { Clash } from "./field-draft.js";
import { quoted } from "./not-understood.js";

type Rules = Pick<FieldSpec, "name" | "type" | "nullable" | "default" | "constraints"> | (ParamSpec & { nullable?: boolean });

function twoStatuses(drafts: EndpointDraft[]): NotUnderstood | undefined {
  const draft = drafts.find((d) => new Set(d.statuses).size > 1);
  if (!draft) return undefined;
  const [a, b] = draft.statuses;
  return {
    reason: `The issue gives ${quoted(`${draft.method} ${draft.path}`)} two success statuses, ${a} and ${b}.`,
    add: `Keep one success status for ${draft.method} ${draft.path}.`,
  };
}

function bounds(rules: Rules): NotUnderstood | undefined {
  const c = rules.constraints;
  const clash = (min?: number, max?: number): boolean => min !== undefined && max !== undefined && min > max;
  if (!clash(c.minimum, c.maximum) && !clash(c.minLength, c.maxLength)) return undefined;
  const length = clash(c.minLength, c.maxLength);
  const [min, max] = length ? [c.minLength, c.maxLength] : [c.minimum, c.maximum];
  return {
    reason: `The issue gives ${quoted(rules.name)} a ${length ? "minimum length" : "minimum"} of ${min}, above its ${length ? "maximum length" : "maximum"} of ${max}.`,
    add: `Correct the range of \`${rules.name}\` so its minimum is not above its maximum.`,
  };
}

/** Which rule `value` breaks, in words, or undefined when it keeps them all. */
function brokenRule(value: JsonValue, rules: Rules): string | undefined {
  const c: Constraints = rules.constraints;
  if (value === null) return rules.nullable ? undefined : "it is not nullable";
  const t = rules.type;
  if ((t === "integer" && !Number.isInteger(value)) || (t === "number" && typeof value !== "number")) return `it is ${t === "integer" ? "an integer" : "a number"}`;
  if ((t === "boolean" && typeof value !== "boolean") || (t === "string" && typeof value !== "string") || (t === "array" && !Array.isArray(value))) return `it is ${t === "array" ? "an array" : `a ${t}`}`;
  if (typeof value === "number" && c.minimum !== undefined && value < c.minimum) return `its minimum is ${c.minimum}`;
  if (typeof value === "number" && c.maximum !== undefined && value > c.maximum) return `its maximum is ${c.maximum}`;
  if (typeof value === "string" && c.minLength !== undefined && value.length < c.minLength) return `its minimum length is ${c.minLength}`;
  if (typeof value === "string" && c.maxLength !== undefined && value.length > c.maxLength) return `its maximum length is ${c.maxLength}`;
  if (c.enum && !c.enum.some((v) => JSON.stringify(v) === JSON.stringify(value))) return "it must be one of the listed values";
  if (typeof value === "string" && c.contains !== undefined && !value.includes(c.contains)) return `it must contain ${c.contains}`;
  return undefined;
}

function badDefault(rules: Rules): NotUnderstood | undefined {
  if (rules.default === undefined) return undefined;
  const broken = brokenRule(rules.default, rules);
  if (!broken) return undefined;
  const shown = JSON.stringify(rules.default).slice(0, 40);
  return {
    reason: `The default ${quoted(shown)} of ${quoted(rules.name)} breaks its own rule: ${broken}.`,
    add: `Change the default of \`${rules.name}\` or its rule.`,
  };
}

/** The first way the issue contradicts itself, if any. */
export function findContradiction(drafts: EndpointDraft[], clashes: Clash[], rules: Rules[]): NotUnderstood | undefined {
  const statuses = twoStatuses(drafts);
  if (statuses) return statuses;
  const clash = clashes[0];
  if (clash) return { reason: `The issue says ${quoted(clash.name)} is both required and optional.`, add: `Say once whether \`${clash.name}\` is required.` };
  for (const r of rules) {
    const problem = bounds(r) ?? badDefault(r);
    if (problem) return problem;
  }
  return undefined;
}
