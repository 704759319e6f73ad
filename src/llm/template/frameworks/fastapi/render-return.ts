import type { EndpointPlan, Expr } from "../../blueprint/blueprint.js";
import type { PyImport } from "../../python/import-statements.js";
import { pyIdentifier } from "../../python/identifiers.js";
import { renderExpr } from "../../python/render-expr.js";
import type { HandlerSetup } from "./handler-types.js";
import { anyDict, type Code, listOf } from "./python-types.js";
import { paramName } from "./render-params.js";
import { countItems } from "./render-store.js";

function exprInputs(endpoint: EndpointPlan, setup: HandlerSetup): (name: string, from: "path" | "query" | "body") => string {
  return (name, from) => {
    if (from === "body") return `${setup.bodyName}.${name}`;
    const param = [...endpoint.params, ...endpoint.query].find((p) => p.name === name);
    return param ? paramName(param, setup) : pyIdentifier(name);
  };
}

/** `return <value>` for a computed value, through its response model when the repository builds one. */
export function returnExpr(expr: Expr, endpoint: EndpointPlan, setup: Omit<HandlerSetup, "funcName" | "receiver" | "prefix" | "extraKeywords">, at: string): Code {
  const ctx = {
    quote: setup.quote,
    input: exprInputs(endpoint, setup as HandlerSetup),
    constant: setup.constant,
    indent: at,
    ...(setup.store ? { count: countItems(setup.store) } : {}),
  };
  if (setup.customModel?.construct && expr.k === "object") {
    const args = expr.entries.map((entry) => `${entry.key}=${renderExpr(entry.value, { ...ctx, indent: undefined }).code}`);
    const rendered = expr.entries.map((entry) => renderExpr(entry.value, ctx));
    const oneLine = `return ${setup.customModel.name}(${args.join(", ")})`;
    const code = oneLine.length + at.length + 4 <= 88 ? oneLine : `return ${setup.customModel.name}(\n${args.map((arg) => `${at}    ${arg},`).join("\n")}\n${at})`;
    return { code, imports: rendered.flatMap((r) => r.imports) };
  }
  const rendered = renderExpr(expr, ctx);
  return { code: `return ${rendered.code}`, imports: rendered.imports };
}

/** `response_model=` and the return annotation, as the repository writes them. */
export function annotations(endpoint: EndpointPlan, setup: HandlerSetup): { responseModel?: string; returns?: string; imports: PyImport[] } {
  const value = endpoint.success.value;
  const imports: PyImport[] = [];
  const list = (item: string) => {
    const code = listOf(item, setup.style);
    imports.push(...code.imports);
    return code.code;
  };
  if (value.k === "none") return { ...(setup.style.returnAnnotations ? { returns: "Response" } : {}), imports: [{ module: "fastapi", name: "Response" }] };
  let model: string | undefined;
  if (value.k === "item") model = setup.itemModel;
  else if (value.k === "items") model = setup.itemModel ? list(setup.itemModel) : undefined;
  else model = setup.customModel?.name;
  if (setup.style.responseModels && model) {
    const plain = value.k === "items" ? list("dict") : value.k === "item" ? "dict" : setup.customModel?.construct ? model : "dict";
    return { responseModel: model, ...(setup.style.returnAnnotations && plain ? { returns: plain } : {}), imports };
  }
  if (!setup.style.returnAnnotations) return { imports };
  if (model) return { returns: model, imports };
  if (value.k === "expr") {
    const dict = anyDict(setup.style);
    return { returns: value.expr.k === "object" ? dict.code : "Any", imports: [...dict.imports, { module: "typing", name: "Any" }] };
  }
  return { returns: value.k === "items" ? list("dict") : "dict", imports };
}
