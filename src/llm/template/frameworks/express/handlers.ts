import type { Blueprint, EndpointPlan, ErrorBody, FieldSpec, ValidationRule } from "../../blueprint/blueprint.js";
import type { ImportNeed } from "../../jsts/imports.js";
import { brokenWhen, implicitTypeRule, simplify } from "../../jsts/render-checks.js";
import { bodyChecks, oneAnswer } from "../../jsts/render-validator.js";
import { type ExprContext, renderExpr } from "../../jsts/render-expr.js";
import type { DataAccess, Op } from "./data-access.js";
import type { ExpressModel } from "./express-model.js";
import { errorResponse, usesNext } from "./render-errors.js";

export interface HandlerInput {
  m: ExpressModel;
  bp: Blueprint;
  ep: EndpointPlan;
  data: DataAccess | undefined;
  /** A middleware already validates the body (and the path), so the handler does not. */
  validated: { body: boolean; params: boolean };
  /** How the handler reads the item id, mirrored from the repository's handlers when it has some. */
  idStatement?: string;
  /** A function that checks the body (see render-validator), called instead of checking inline; `partial` when it takes the flag. */
  validator?: { name: string; partial: boolean };
  /** Constants and counts in custom answers. */
  exprs: Omit<ExprContext, "input">;
}

export interface Handler {
  async: boolean;
  /** The handler uses `next` (errors through the repository's error handler). */
  next: boolean;
  statements: string[];
  imports: ImportNeed[];
}

const RESERVED = new Set(["req", "res", "next", "body", "item", "items", "id", "index", "existing", "error"]);

export function varName(name: string): string {
  const camel = name.replace(/[-_\s]+([a-z0-9])/gi, (_, c: string) => c.toUpperCase()).replace(/[^\w$]/g, "");
  const safe = /^[A-Za-z_$]/.test(camel) ? camel : `value${camel}`;
  return RESERVED.has(safe) ? `${safe}Value` : safe;
}

function msg(message: string): string {
  return JSON.stringify(message.replace(/`/g, ""));
}

class Builder {
  lines: string[] = [];
  imports: ImportNeed[] = [];
  next = false;
  constructor(private readonly m: ExpressModel) {}
  /** `message` is text, or with `expr` set the code of a message already in a variable. */
  error(status: number, message: string, body: ErrorBody, expr?: string): string {
    const r = errorResponse(this.m, status, expr ?? msg(message), body);
    this.imports.push(...r.imports);
    if (usesNext(this.m, body)) this.next = true;
    return r.code;
  }
  guard(condition: string, status: number, message: string, body: ErrorBody): void {
    this.lines.push(`if (${condition}) {`, this.error(status, message, body), "}");
  }
}

function bodyRules(ep: EndpointPlan): ValidationRule[] {
  const out: ValidationRule[] = [];
  for (const f of ep.body ?? []) {
    const own = ep.rules.filter((r) => r.where === "body" && r.field === f.name);
    const implicit = own.some((r) => r.rule === "type") ? undefined : implicitTypeRule(f.name, "body", f.type, own[0]?.error ?? ep.invalid);
    const required = own.filter((r) => r.rule === "required");
    out.push(...required, ...(implicit ? [implicit] : []), ...own.filter((r) => r.rule !== "required"));
  }
  return out;
}

function fieldType(ep: EndpointPlan, name: string): FieldSpec["type"] {
  return (ep.body ?? []).find((f) => f.name === name)?.type ?? [...ep.params, ...ep.query].find((p) => p.name === name)?.type ?? "unknown";
}

/** `title: body.title, content: body.content ?? ""`: the fields a request sets, defaults filled in. */
function dataEntries(fields: FieldSpec[], withDefaults: boolean): string {
  return fields.map((f) => (withDefaults && f.default !== undefined ? `${f.name}: body.${f.name} ?? ${JSON.stringify(f.default)}` : `${f.name}: body.${f.name}`)).join(", ");
}

function readInputs(b: Builder, ep: EndpointPlan, validated: boolean): Map<string, string> {
  const names = new Map<string, string>();
  for (const p of ep.params) {
    const v = varName(p.name);
    names.set(p.name, v);
    b.lines.push(p.type === "integer" || p.type === "number" ? `const ${v} = Number(req.params.${p.name});` : `const ${v} = req.params.${p.name};`);
  }
  for (const q of ep.query) {
    const v = varName(q.name);
    names.set(q.name, v);
    const fallback = q.default === undefined ? "undefined" : JSON.stringify(q.default);
    const raw = `req.query.${q.name}`;
    b.lines.push(q.type === "integer" || q.type === "number" ? `const ${v} = typeof ${raw} === "string" ? Number(${raw}) : ${fallback};` : `const ${v} = typeof ${raw} === "string" ? ${raw} : ${fallback};`);
  }
  if (!validated) {
    for (const rule of ep.rules.filter((r) => r.where !== "body")) {
      const v = names.get(rule.field);
      const param = [...ep.params, ...ep.query].find((p) => p.name === rule.field);
      const type = fieldType(ep, rule.field);
      // Path values and query values with a default are always there; strings are strings.
      const known = !!param && (param.in === "path" || param.default !== undefined) && (type === "string" || type === "unknown");
      const broken = v ? brokenWhen(rule, v, type, known) : undefined;
      if (broken) b.guard(simplify(broken), rule.error.status, rule.error.message, rule.error.body);
    }
  }
  return names;
}

function checkBody(b: Builder, ep: EndpointPlan, validator: HandlerInput["validator"]): void {
  b.lines.push("const body = req.body ?? {};");
  const shared = oneAnswer(bodyRules(ep));
  if (validator && shared) {
    const flag = validator.partial ? `, ${ep.role === "update"}` : "";
    b.lines.push(`const problem = ${validator.name}(body${flag});`, "if (problem) {", b.error(shared.status, "", shared.body, "problem"), "}");
    return;
  }
  for (const line of bodyChecks("body", ep.body ?? [], ep.rules, ep.invalid, (rule) => `{\n${b.error(rule.error.status, rule.error.message, rule.error.body)}\n}`)) b.lines.push(line);
}

function apply(b: Builder, op: Op, ep: EndpointPlan): void {
  b.lines.push(...op.before);
  if (op.missing && ep.notFound) b.guard(`!(${op.missing})`, ep.notFound.status, ep.notFound.message, ep.notFound.body);
  b.lines.push(...op.after);
}

function respond(m: ExpressModel, b: Builder, ep: EndpointPlan, result: string): string {
  const status = ep.success.status;
  if (ep.success.value.k === "none" || result === "") return `res.status(${status}).end();`;
  // Items and lists go out in the repository's envelope, as its other answers do.
  let body = result;
  if (m.envelope && (ep.success.value.k === "item" || ep.success.value.k === "items")) {
    body = m.envelope.wrap(result);
    b.imports.push(...m.envelope.imports);
  }
  return status === 200 ? `res.json(${body});` : `res.status(${status}).json(${body});`;
}

/** The statements of one endpoint's handler, in the repository's terms. */
export function renderHandler(input: HandlerInput): Handler {
  const { m, ep, data } = input;
  const b = new Builder(m);
  const fields = ep.body ?? input.bp.resource?.fields ?? [];
  const names = readInputs(b, { ...ep, params: ep.role === "custom" ? ep.params : [] }, input.validated.params);
  const item = ep.role === "get" || ep.role === "replace" || ep.role === "update" || ep.role === "delete";
  if (item && data) b.lines.push(input.idStatement ?? `const id = ${data.id(`req.params.${input.bp.resource?.idName ?? "id"}`)};`);
  const id = "id";
  if (ep.body && !input.validated.body) checkBody(b, ep, input.validator);
  else if (ep.body) b.lines.push("const body = req.body;");
  let result = "";
  if (ep.role === "custom" || !data) {
    const inBody = (name: string) => (ep.body ?? []).some((f) => f.name === name);
    const ctx: ExprContext = { ...input.exprs, input: (name) => names.get(name) ?? (inBody(name) ? `body.${name}` : `req.params.${name}`) };
    result = ep.success.value.k === "expr" ? renderExpr(ep.success.value.expr, ctx) : "";
  } else {
    const assign = (item: string) => fields.map((f) => `if (body.${f.name} !== undefined) ${item}.${f.name} = body.${f.name};`);
    const op =
      ep.role === "list" ? data.list()
      : ep.role === "get" ? data.get(id)
      : ep.role === "create" ? data.create(dataEntries(fields, true))
      : ep.role === "replace" ? data.replace(id, dataEntries(fields, true))
      : ep.role === "update" ? data.update(id, assign, "body")
      : ep.role === "delete" ? data.delete(id)
      : { before: [], after: [], result: renderExpr(ep.success.value.k === "expr" ? ep.success.value.expr : { k: "count" }, { ...input.exprs, input: (n) => n }) };
    apply(b, op, ep);
    result = op.result;
  }
  b.lines.push(respond(m, b, ep, result));
  const async = data?.async === true;
  if (async) {
    b.next = true;
    return { async, next: true, statements: ["try {", ...b.lines, "} catch (error) {", "next(error);", "}"], imports: b.imports };
  }
  return { async, next: b.next, statements: b.lines, imports: b.imports };
}

/** A handler as an arrow function: `(req, res, next) => { … }`. */
export function arrowHandler(h: Handler): string {
  // Unused parameters start with `_`, as strict compilers and linters ask.
  const req = h.statements.some((s) => /\breq\b/.test(s)) ? "req" : "_req";
  const params = h.next ? `(${req}, res, next)` : `(${req}, res)`;
  return `${h.async ? "async " : ""}${params} => {\n${h.statements.join("\n")}\n}`;
}
