import type { Blueprint, EndpointPlan, FieldSpec } from "../../blueprint/blueprint.js";
import type { ImportNeed } from "../../jsts/imports.js";
import { brokenWhen, simplify } from "../../jsts/render-checks.js";
import { type ExprContext, renderExpr } from "../../jsts/render-expr.js";
import { bodyChecks } from "../../jsts/render-validator.js";
import type { DataAccess, Op } from "../express/data-access.js";
import { type ErrorContext, errorStatement } from "./render-errors.js";
import type { RouteInputs } from "./route-inputs.js";

export interface HandlerInput {
  bp: Blueprint;
  ep: EndpointPlan;
  data: DataAccess | undefined;
  inputs: RouteInputs;
  /** The id as the collection's handlers read it (`const id = Number(request.params.id);`). */
  idStatement?: string;
  errors: ErrorContext;
  request: string;
  /** Constants and counts in computed answers. */
  exprs: Omit<ExprContext, "input">;
}

export interface Handler {
  statements: string[];
  imports: ImportNeed[];
  usesRequest: boolean;
  usesReply: boolean;
}

const RESERVED = new Set(["request", "reply", "req", "res", "body", "item", "items", "id", "index", "existing", "error", "fastify", "app"]);

export function varName(name: string): string {
  const camel = name.replace(/[-_\s]+([a-z0-9])/gi, (_, c: string) => c.toUpperCase()).replace(/[^\w$]/g, "");
  const safe = /^[A-Za-z_$]/.test(camel) ? camel : `value${camel}`;
  return RESERVED.has(safe) ? `${safe}Value` : safe;
}

function text(message: string): string {
  return JSON.stringify(message.replace(/`/g, ""));
}

/** Reads path and query inputs; the handler checks those the schema leaves to it. */
function readInputs(lines: string[], input: HandlerInput): Map<string, string> {
  const { ep, inputs, request } = input;
  const names = new Map<string, string>();
  for (const p of ep.role === "custom" ? ep.params : []) {
    const v = varName(p.name);
    names.set(p.name, v);
    const raw = `${request}.params.${p.name}`;
    // The schema types a parameter it owns; one it leaves arrives as text.
    const numeric = inputs.byHandler.path.has(p.name) && (p.type === "integer" || p.type === "number");
    lines.push(`const ${v} = ${numeric ? `Number(${raw})` : raw};`);
  }
  for (const q of ep.query) {
    const v = varName(q.name);
    names.set(q.name, v);
    const raw = `${request}.query.${q.name}`;
    if (!inputs.byHandler.query.has(q.name)) {
      lines.push(`const ${v} = ${raw};`);
      continue;
    }
    const fallback = q.default === undefined ? "undefined" : JSON.stringify(q.default);
    lines.push(q.type === "integer" || q.type === "number" ? `const ${v} = ${raw} === undefined ? ${fallback} : Number(${raw});` : `const ${v} = ${raw} ?? ${fallback};`);
  }
  for (const rule of ep.rules.filter((r) => (r.where === "path" && inputs.byHandler.path.has(r.field)) || (r.where === "query" && inputs.byHandler.query.has(r.field)))) {
    const v = names.get(rule.field);
    const param = [...ep.params, ...ep.query].find((p) => p.name === rule.field);
    if (!v || !param) continue;
    const known = (param.in === "path" || param.default !== undefined) && (param.type === "string" || param.type === "unknown");
    const broken = brokenWhen(rule, v, param.type, known);
    if (broken) lines.push(`if (${simplify(broken)}) {`, errorStatement(input.errors, rule.error.status, text(rule.error.message), rule.error.body), "}");
  }
  return names;
}

/** `title: body.title, done: body.done ?? false`: the fields a request sets, defaults filled in. */
function dataEntries(fields: FieldSpec[], withDefaults: boolean): string {
  return fields.map((f) => (withDefaults && f.default !== undefined ? `${f.name}: body.${f.name} ?? ${JSON.stringify(f.default)}` : `${f.name}: body.${f.name}`)).join(", ");
}

function apply(lines: string[], op: Op, input: HandlerInput): void {
  lines.push(...op.before);
  const nf = input.ep.notFound;
  if (op.missing && nf) lines.push(`if (!(${op.missing})) {`, errorStatement(input.errors, nf.status, text(nf.message), nf.body), "}");
  lines.push(...op.after);
}

function respond(input: HandlerInput, result: string): string[] {
  const { ep, errors } = input;
  const status = ep.success.status;
  if (ep.success.value.k === "none" || result === "") return [`return ${errors.reply}.${errors.errors.statusMethod}(${status}).send();`];
  if (status === 200) return [`return ${result};`];
  return [`${errors.reply}.${errors.errors.statusMethod}(${status});`, `return ${result};`];
}

/** The statements of one endpoint's handler: an async function that returns what it answers. */
export function renderHandler(input: HandlerInput): Handler {
  const { ep, data, request } = input;
  const lines: string[] = [];
  const names = readInputs(lines, input);
  const item = ep.role === "get" || ep.role === "replace" || ep.role === "update" || ep.role === "delete";
  const idName = input.bp.resource?.idName ?? "id";
  if (item && data) lines.push(input.idStatement ?? (input.inputs.params.some((p) => p.name === idName) ? `const id = ${request}.params.${idName};` : `const id = ${data.id(`${request}.params.${idName}`)};`));
  if (ep.body) {
    lines.push(`const body = ${request}.body;`);
    const own = ep.body.filter((f) => input.inputs.byHandler.body.has(f.name));
    const rules = ep.rules.filter((r) => r.where === "body" && input.inputs.byHandler.body.has(r.field));
    lines.push(...bodyChecks("body", own, rules, ep.invalid, (rule) => `{\n${errorStatement(input.errors, rule.error.status, text(rule.error.message), rule.error.body)}\n}`));
  }
  let result = "";
  const fields = ep.body ?? input.bp.resource?.fields ?? [];
  if (ep.role === "custom" || !data) {
    const inBody = (name: string) => (ep.body ?? []).some((f) => f.name === name);
    const ctx: ExprContext = { ...input.exprs, input: (name) => names.get(name) ?? (inBody(name) ? `${request}.body.${name}` : `${request}.params.${name}`) };
    result = ep.success.value.k === "expr" ? renderExpr(ep.success.value.expr, ctx) : "";
  } else {
    const assign = (it: string) => fields.map((f) => `if (body.${f.name} !== undefined) ${it}.${f.name} = body.${f.name};`);
    const op: Op =
      ep.role === "list" ? data.list()
      : ep.role === "get" ? data.get("id")
      : ep.role === "create" ? data.create(dataEntries(fields, true))
      : ep.role === "replace" ? data.replace("id", dataEntries(fields, true))
      : ep.role === "update" ? data.update("id", assign, "body")
      : ep.role === "delete" ? data.delete("id")
      : { before: [], after: [], result: renderExpr(ep.success.value.k === "expr" ? ep.success.value.expr : { k: "count" }, { ...input.exprs, input: (n) => n }) };
    apply(lines, op, input);
    result = op.result;
  }
  lines.push(...respond(input, result));
  const all = lines.join("\n");
  const uses = (name: string) => new RegExp(`(^|[^\\w$.])${name}\\.`).test(all);
  return { statements: lines, imports: [], usesRequest: uses(request), usesReply: uses(input.errors.reply) };
}

/** The handler as a function in the repository's style: `async (request, reply) => { … }` or `async function (request) { … }`. */
export function handlerFunction(h: Handler, kind: "arrow" | "function", request: string, reply: string): string {
  const params = h.usesReply ? [h.usesRequest ? request : `_${request}`, reply] : h.usesRequest ? [request] : [];
  const body = h.statements.join("\n");
  return kind === "arrow" ? `async (${params.join(", ")}) => {\n${body}\n}` : `async function (${params.join(", ")}) {\n${body}\n}`;
}
