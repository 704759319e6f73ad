import type { ParamSpec } from "../../../../understand/spec.js";
import type { EndpointPlan, ValidationRule } from "../../blueprint/blueprint.js";
import type { PyImport } from "../../python/import-statements.js";
import { isIdentifier, pyIdentifier } from "../../python/identifiers.js";
import { pyLiteral, type QuoteStyle } from "../../python/python-literal.js";
import type { RepoStyle } from "./fastapi-repo.js";
import type { PydanticMajor } from "./pydantic-models.js";
import { constraintArgs, optionalType, pyType } from "./python-types.js";
import { isNative } from "./render-checks.js";

/** A handler parameter; those with a default must follow those without. */
export interface HandlerParam {
  text: string;
  hasDefault: boolean;
  imports: PyImport[];
}

/** Rules FastAPI's Path and Query check by themselves (through their keyword arguments and the annotation). */
const DECLARATIVE = new Set<ValidationRule["rule"]>(["required", "type", "minLength", "maxLength", "minimum", "maximum"]);

/** Whether a rule on a path or query parameter is left to FastAPI. */
export function declaredByFastapi(rule: ValidationRule): boolean {
  return isNative(rule) && DECLARATIVE.has(rule.rule);
}

export interface ParamContext {
  style: RepoStyle;
  quote: QuoteStyle;
  major: PydanticMajor;
  /** The Python name and annotation of the id parameter of item routes. */
  id?: { spec: string; name: string; annotation: string };
}

/** The Python name of a path or query parameter. */
export function paramName(param: ParamSpec, ctx: Pick<ParamContext, "id">): string {
  if (ctx.id && param.in === "path" && param.name === ctx.id.spec) return ctx.id.name;
  return pyIdentifier(param.name);
}

/** A path, query or header parameter, its declarative rules in `Path(...)` / `Query(...)`. */
export function renderParam(param: ParamSpec, endpoint: EndpointPlan, ctx: ParamContext): HandlerParam {
  const name = paramName(param, ctx);
  const rules = endpoint.rules.filter((rule) => rule.where === (param.in === "header" ? "query" : param.in) && rule.field === param.name);
  const declared = rules.filter(declaredByFastapi);
  const checkedType = rules.some((rule) => rule.rule === "type" && !declaredByFastapi(rule));
  const constraints = Object.fromEntries(
    declared.filter((rule) => rule.rule !== "required" && rule.rule !== "type" && typeof rule.value === "number").map((rule) => [rule.rule, rule.value]),
  );
  const args = constraintArgs(param.type, constraints, ctx.major);
  const alias = isIdentifier(param.name) && name === param.name ? [] : param.in === "path" ? [] : [`alias=${pyLiteral(param.name, ctx.quote)}`];
  if (param.in === "path") {
    const annotation = ctx.id && param.name === ctx.id.spec ? ctx.id.annotation : checkedType ? "str" : pyType(param.type, {}, ctx.style, ctx.quote).code;
    if (args.length === 0) return { text: `${name}: ${annotation}`, hasDefault: false, imports: [] };
    return { text: `${name}: ${annotation} = Path(${["...", ...args].join(", ")})`, hasDefault: true, imports: [{ module: "fastapi", name: "Path" }] };
  }
  const base = checkedType ? { code: "str", imports: [] } : pyType(param.type, {}, ctx.style, ctx.quote);
  // A required parameter is FastAPI's to enforce unless the issue states its own answer for a missing one.
  const checkedRequired = rules.some((rule) => rule.rule === "required" && !declaredByFastapi(rule));
  const requiredByFastapi = (param.required || declared.some((rule) => rule.rule === "required")) && !checkedRequired;
  const fallback = param.default !== undefined ? pyLiteral(param.default, ctx.quote) : requiredByFastapi ? "..." : "None";
  const annotation = fallback === "None" ? optionalType(base, ctx.style) : base;
  const kind = param.in === "header" ? "Header" : "Query";
  const extra = [...args, ...alias];
  if (extra.length === 0 && fallback !== "..." && kind === "Query") {
    return { text: `${name}: ${annotation.code} = ${fallback}`, hasDefault: true, imports: annotation.imports };
  }
  return { text: `${name}: ${annotation.code} = ${kind}(${[fallback, ...extra].join(", ")})`, hasDefault: true, imports: [...annotation.imports, { module: "fastapi", name: kind }] };
}

/** Parameters in an order Python accepts: those without defaults first, each group in its own order. */
export function orderParams(params: HandlerParam[]): HandlerParam[] {
  return [...params.filter((p) => !p.hasDefault), ...params.filter((p) => p.hasDefault)];
}
