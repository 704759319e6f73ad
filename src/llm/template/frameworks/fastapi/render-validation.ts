import type { EndpointPlan, ValidationRule } from "../../blueprint/blueprint.js";
import { pyIdentifier } from "../../python/identifiers.js";
import { indent } from "../../python/module-text.js";
import { pyLiteral } from "../../python/python-literal.js";
import { bodyFields, type HandlerSetup, type Lines, push } from "./handler-types.js";
import { brokenWhen, errorStatement, isNative } from "./render-checks.js";
import { declaredByFastapi, paramName } from "./render-params.js";

/** Locals for the raw body values the checks read: `name = data.get("name")`. */
function rawLocals(endpoint: EndpointPlan, setup: HandlerSetup, raw: string, manual: ValidationRule[]): Map<string, string> {
  const taken = new Set([raw, setup.bodyName, ...[...endpoint.params, ...endpoint.query].map((p) => paramName(p, setup))]);
  const locals = new Map<string, string>();
  for (const rule of manual) {
    if (rule.where !== "body" || locals.has(rule.field)) continue;
    let name = pyIdentifier(rule.field);
    if (taken.has(name)) name = `${name}_value`;
    taken.add(name);
    locals.set(rule.field, name);
  }
  return locals;
}

/** The rules FastAPI does not check as the issue wants, checked in the handler in the order. */
export function checks(endpoint: EndpointPlan, setup: HandlerSetup, raw: string | undefined, out: Lines): void {
  const q = setup.quote;
  const isManual = (rule: ValidationRule) => (rule.where === "body" ? raw !== undefined && !isNative(rule) : !declaredByFastapi(rule));
  const manual = endpoint.rules.filter(isManual);
  const locals = raw ? rawLocals(endpoint, setup, raw, manual) : new Map<string, string>();
  if (raw) {
    // The raw body may be any JSON; the checks below read it as an object.
    const notObject = errorStatement(isNative({ error: endpoint.invalid }) ? { ...endpoint.invalid, message: "The body must be a JSON object." } : endpoint.invalid, q);
    push(out, { code: `if not isinstance(${raw}, dict):\n${indent(notObject.code)}`, imports: notObject.imports });
    for (const [field, local] of locals) push(out, `${local} = ${raw}.get(${pyLiteral(field, q)})`);
  }
  for (const rule of manual) {
    const field = rule.where === "body" ? bodyFields(endpoint).find((f) => f.name === rule.field) : undefined;
    const param = rule.where === "body" ? undefined : [...endpoint.params, ...endpoint.query].find((p) => p.name === rule.field);
    const value = rule.where === "body" ? (locals.get(rule.field) ?? pyIdentifier(rule.field)) : param ? paramName(param, setup) : pyIdentifier(rule.field);
    // Declared parameters arrive typed; raw body values may be any JSON and are checked with their type.
    const typed = rule.where !== "body" && param !== undefined && !endpoint.rules.some((r) => r.field === rule.field && r.rule === "type" && isManual(r));
    const optional = param !== undefined && param.default === undefined && !param.required;
    const condition = brokenWhen(rule, value, q, field?.constraints ?? param?.constraints ?? {}, field?.type ?? param?.type, typed ? { optional } : undefined);
    if (!condition) continue;
    const answer = errorStatement(rule.error, q);
    push(out, { code: `if ${condition.code}:\n${indent(answer.code)}`, imports: [...condition.imports, ...answer.imports] });
  }
}

/** Parses the raw body with the model, answering the invalid outcome when it does not fit. */
export function parseRaw(endpoint: EndpointPlan, setup: HandlerSetup, raw: string, model: string, out: Lines): void {
  const native = isNative({ error: endpoint.invalid });
  const invalid = native
    ? { code: "raise RequestValidationError(error.errors())", imports: [{ module: "fastapi.exceptions", name: "RequestValidationError" }] }
    : errorStatement(endpoint.invalid, setup.quote);
  push(out, {
    code: `try:\n    ${setup.bodyName} = ${model}(**${raw})\nexcept ValidationError${native ? " as error" : ""}:\n${indent(invalid.code)}`,
    imports: [{ module: "pydantic", name: "ValidationError" }, ...invalid.imports],
  });
}
