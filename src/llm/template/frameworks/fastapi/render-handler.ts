import type { EndpointPlan } from "../../blueprint/blueprint.js";
import { pyIdentifier } from "../../python/identifiers.js";
import { indent } from "../../python/module-text.js";
import { pyLiteral } from "../../python/python-literal.js";
import { bodyFields, type HandlerSetup, type Lines, push } from "./handler-types.js";
import type { Code } from "./python-types.js";
import { errorStatement, isNative } from "./render-checks.js";
import { type HandlerParam, orderParams, paramName, renderParam } from "./render-params.js";
import { annotations, returnExpr } from "./render-return.js";
import { allItems, findItem, insertItem, removeItem } from "./render-store.js";
import { checks, parseRaw } from "./render-validation.js";

export type { HandlerSetup } from "./handler-types.js";

function decoratorPath(endpoint: EndpointPlan, setup: HandlerSetup): string {
  const count = setup.prefix.split("/").filter(Boolean).length;
  const rest = endpoint.path.split("/").filter(Boolean).slice(count);
  const spec = (segment: string) => {
    if (!segment.startsWith(":")) return segment;
    const param = endpoint.params.find((p) => p.name === segment.slice(1));
    return `{${param ? paramName(param, setup) : pyIdentifier(segment.slice(1))}}`;
  };
  return rest.length === 0 ? "" : `/${rest.map(spec).join("/")}`;
}

/** The body is read raw and checked by hand when a rule or the invalid outcome is not FastAPI's usual 422. */
export function readsRawBody(endpoint: EndpointPlan): boolean {
  if (bodyFields(endpoint).length === 0) return false;
  const bodyRules = endpoint.rules.filter((rule) => rule.where === "body");
  return bodyRules.some((rule) => !isNative(rule)) || !isNative({ error: endpoint.invalid });
}

function bodyModelOf(endpoint: EndpointPlan, setup: HandlerSetup): string | undefined {
  if (bodyFields(endpoint).length === 0) return undefined;
  if (endpoint.role === "custom") return setup.customBodyModel;
  return endpoint.role === "update" ? setup.patchModel : setup.inputModel;
}

/** The body as a dict: `jsonable_encoder` reads a pydantic 1 or 2 model alike, `exclude_unset` for a partial update. */
const ENCODER = { module: "fastapi.encoders", name: "jsonable_encoder" };

function dump(setup: HandlerSetup, partial: boolean): string {
  return `jsonable_encoder(${setup.bodyName}${partial ? ", exclude_unset=True" : ""})`;
}

function notFound(endpoint: EndpointPlan, setup: HandlerSetup, out: Lines): void {
  const plan = endpoint.notFound ?? { status: 404, body: { kind: "repo" as const }, message: "Not found" };
  push(out, { code: `if ${setup.itemVar} is None:\n${indent(errorStatement(plan, setup.quote).code)}`, imports: errorStatement(plan, setup.quote).imports });
}

function effects(endpoint: EndpointPlan, setup: HandlerSetup, out: Lines): void {
  const store = setup.store;
  const q = setup.quote;
  if (!store) return;
  const item = setup.itemVar;
  const id = setup.id?.name ?? "id";
  switch (endpoint.role) {
    case "create":
      push(out, { code: `${item} = {${pyLiteral(store.idKey, q)}: ${store.nextId ?? "None"}, **${dump(setup, false)}}`, imports: [ENCODER] });
      push(out, insertItem(store, item, q));
      return;
    case "get":
      push(out, `${item} = ${findItem(store, id, q)}`);
      notFound(endpoint, setup, out);
      return;
    case "replace":
    case "update": {
      push(out, `${item} = ${findItem(store, id, q)}`);
      notFound(endpoint, setup, out);
      const changes = dump(setup, endpoint.role === "update");
      out.imports.push(ENCODER);
      if (store.items === "dict") push(out, `${item}.update(${changes})`);
      else push(out, `for key, value in ${changes}.items():\n    setattr(${item}, key, value)`);
      return;
    }
    case "delete":
      push(out, `${item} = ${findItem(store, id, q)}`);
      notFound(endpoint, setup, out);
      push(out, removeItem(store, item, id));
      return;
    default:
      return;
  }
}

function returnValue(endpoint: EndpointPlan, setup: HandlerSetup, out: Lines): void {
  const value = endpoint.success.value;
  if (value.k === "item") return push(out, `return ${setup.itemVar}`);
  if (value.k === "items") return push(out, `return ${setup.store ? allItems(setup.store) : "[]"}`);
  if (value.k === "none") return push(out, { code: `return Response(status_code=${endpoint.success.status})`, imports: [{ module: "fastapi", name: "Response" }] });
  if (setup.logic) return push(out, `return ${setup.logic.call}`);
  // Body lines are indented when the function is assembled, so the value is rendered at column 0.
  push(out, returnExpr(value.expr, endpoint, setup, ""));
}

/** One route: decorator, signature, checks, the work on the store, and the answer. */
export function renderHandler(endpoint: EndpointPlan, setup: HandlerSetup): Code {
  const q = setup.quote;
  const out: Lines = { lines: [], imports: [] };
  const params: HandlerParam[] = [];
  for (const param of [...endpoint.params, ...endpoint.query]) params.push(renderParam(param, endpoint, { style: setup.style, quote: q, major: setup.major, ...(setup.id ? { id: setup.id } : {}) }));
  const raw = readsRawBody(endpoint) ? (setup.bodyName === "payload" ? "data" : "payload") : undefined;
  const model = bodyModelOf(endpoint, setup);
  if (model && raw) params.push({ text: `${raw}: Any = Body(None)`, hasDefault: true, imports: [{ module: "typing", name: "Any" }, { module: "fastapi", name: "Body" }] });
  else if (model) params.push({ text: `${setup.bodyName}: ${model}`, hasDefault: false, imports: [] });
  if (setup.guard?.param) params.push({ text: setup.guard.param, hasDefault: setup.guard.paramHasDefault ?? true, imports: setup.guard.imports });

  checks(endpoint, setup, raw, out);
  if (model && raw) parseRaw(endpoint, setup, raw, model, out);
  effects(endpoint, setup, out);
  returnValue(endpoint, setup, out);

  const types = annotations(endpoint, setup);
  const keywords: [string, string][] = [];
  if (types.responseModel) keywords.push(["response_model", types.responseModel]);
  if (endpoint.success.status !== 200) keywords.push(["status_code", String(endpoint.success.status)]);
  keywords.push(...setup.extraKeywords);
  if (setup.guard?.dependency?.on === "decorator") keywords.push(["dependencies", `[${setup.guard.dependency.text}]`]);
  if (setup.guard?.dependency?.on === "decorator") out.imports.push(...setup.guard.imports);
  const decorator = `@${setup.receiver}.${endpoint.method.toLowerCase()}(${[pyLiteral(decoratorPath(endpoint, setup), q), ...keywords.map(([k, v]) => `${k}=${v}`)].join(", ")})`;
  const ordered = orderParams(params);
  const signature = `${setup.isAsync ? "async " : ""}def ${setup.funcName}(${ordered.map((p) => p.text).join(", ")})${types.returns ? ` -> ${types.returns}` : ""}:`;
  const wrapped = signature.length > 88 ? `${setup.isAsync ? "async " : ""}def ${setup.funcName}(\n${ordered.map((p) => `    ${p.text},`).join("\n")}\n)${types.returns ? ` -> ${types.returns}` : ""}:` : signature;
  const imports = [...out.imports, ...types.imports, ...ordered.flatMap((p) => p.imports)];
  return { code: [decorator, wrapped, indent(out.lines.join("\n"))].join("\n"), imports };
}
