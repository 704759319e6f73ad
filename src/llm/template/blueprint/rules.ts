import type { Condition, EndpointSpec, FieldSpec, JsonValue, ParamSpec } from "../../../understand/spec.js";
import type { ErrorBody, ErrorPlan, RuleKind, ValidationRule } from "./blueprint.js";

type Target = { where: "body" | "path" | "query"; name: string; type: FieldSpec["type"]; required: boolean; constraints: FieldSpec["constraints"] };

function describe(name: string, rule: RuleKind, value: JsonValue | undefined, type: FieldSpec["type"]): string {
  const n = `\`${name}\``;
  switch (rule) {
    case "required":
      return `${n} is required`;
    case "type":
      return `${n} must be ${type === "integer" ? "an integer" : type === "boolean" ? "a boolean" : type === "number" ? "a number" : type === "array" ? "an array" : `a ${type}`}`;
    case "minLength":
      return value === 1 ? `${n} must not be empty` : `${n} must be at least ${String(value)} characters`;
    case "maxLength":
      return `${n} must be at most ${String(value)} characters`;
    case "minimum":
      return `${n} must be at least ${String(value)}`;
    case "maximum":
      return `${n} must be at most ${String(value)}`;
    case "format":
      return `${n} must be a valid ${String(value)}`;
    case "contains":
      return `${n} must contain "${String(value)}"`;
    case "enum":
      return `${n} must be one of ${Array.isArray(value) ? value.map((v) => JSON.stringify(v)).join(", ") : ""}`;
  }
}

/** The outcome the issue states for breaking one rule on one input, most specific first. */
function statedOutcome(spec: EndpointSpec, name: string, rule: RuleKind): EndpointSpec["outcomes"][number] | undefined {
  const invalid = spec.outcomes.filter((o): o is typeof o & { when: Extract<Condition, { kind: "invalid" }> } => o.when.kind === "invalid");
  const aliases: Partial<Record<RuleKind, string[]>> = { minLength: ["minLength", "required"], maximum: ["maximum", "minimum"], minimum: ["minimum", "maximum"] };
  const rules = aliases[rule] ?? [rule];
  return (
    invalid.find((o) => o.when.target === name && o.when.rule !== undefined && rules.includes(o.when.rule)) ??
    invalid.find((o) => o.when.target === name && o.when.rule === undefined) ??
    invalid.find((o) => o.when.target === undefined) ??
    // Issues state one shape for invalid input and mean it for every rule.
    invalid[0]
  );
}

export function bodyOf(outcome: EndpointSpec["outcomes"][number] | undefined): ErrorBody {
  const body = outcome?.body;
  if (body?.example !== undefined && !body.usual) return { kind: "stated", example: body.example, free: body.free };
  return { kind: "repo" };
}

/** The answer to a request that breaks no stated rule but is still invalid. */
export function invalidPlan(spec: EndpointSpec, validationStatus: number): ErrorPlan {
  const generic = spec.outcomes.find((o) => o.when.kind === "invalid" && o.when.target === undefined) ?? spec.outcomes.find((o) => o.when.kind === "invalid");
  return { status: generic?.status ?? validationStatus, body: bodyOf(generic), message: "The request is invalid" };
}

function rulesOf(t: Target): [RuleKind, JsonValue | undefined][] {
  const out: [RuleKind, JsonValue | undefined][] = [];
  if (t.required) out.push(["required", undefined]);
  if (t.type !== "unknown" && t.type !== "string") out.push(["type", t.type]);
  const c = t.constraints;
  if (c.minLength !== undefined) out.push(["minLength", c.minLength]);
  if (c.maxLength !== undefined) out.push(["maxLength", c.maxLength]);
  if (c.minimum !== undefined) out.push(["minimum", c.minimum]);
  if (c.maximum !== undefined) out.push(["maximum", c.maximum]);
  if (c.format !== undefined) out.push(["format", c.format]);
  if (c.contains !== undefined) out.push(["contains", c.contains]);
  if (c.enum !== undefined) out.push(["enum", c.enum]);
  return out;
}

/** Every rule on a request's inputs, each with the answer that breaking it gets. */
export function validationRules(spec: EndpointSpec, params: ParamSpec[], query: ParamSpec[], body: FieldSpec[] | undefined, validationStatus: number): ValidationRule[] {
  const targets: Target[] = [
    ...params.map((p) => ({ where: "path" as const, name: p.name, type: p.type, required: false, constraints: p.constraints })),
    ...query.map((p) => ({ where: "query" as const, name: p.name, type: p.type, required: p.required, constraints: p.constraints })),
    ...(body ?? []).map((f) => ({ where: "body" as const, name: f.name, type: f.type, required: f.required, constraints: f.constraints })),
  ];
  const rules: ValidationRule[] = [];
  for (const t of targets) {
    for (const [rule, value] of rulesOf(t)) {
      const stated = statedOutcome(spec, t.name, rule);
      const error: ErrorPlan = { status: stated?.status ?? validationStatus, body: bodyOf(stated), message: describe(t.name, rule, value, t.type) };
      rules.push({ where: t.where, field: t.name, rule, ...(value === undefined ? {} : { value }), error });
    }
  }
  return rules;
}
