import type { Blueprint, EndpointPlan } from "../../blueprint/blueprint.js";
import type { ImportNeed } from "../../jsts/imports.js";
import type { ExprContext } from "../../jsts/render-expr.js";
import type { DataAccess } from "../express/data-access.js";
import type { FastifyModel } from "./fastify-model.js";
import { handlerFunction, renderHandler } from "./handlers.js";
import type { ErrorContext } from "./render-errors.js";
import { type Flavor, objectSchema, type SchemaProp, tsObjectType, tsTypeOf } from "./render-schema.js";
import { responseSchema } from "./response-schema.js";
import { routeInputs } from "./route-inputs.js";

/** Where and how a route is written. Shared by the routes of one file, so schemas are declared once. */
export interface RouteTarget {
  receiver: string;
  /** The url in its plugin, before prefixes. */
  local: string;
  form: "shorthand" | "route";
  /** Schemas as module-level constants (named, declared once) rather than inline. */
  decls: boolean;
  /** Names the file already binds, and the schema constants written so far with their code. */
  taken: Set<string>;
  declared: Map<string, string>;
  /** An item route's id is typed by the schema (new collections), else read as the collection reads it. */
  idInSchema: boolean;
  /** Route options that guard it: `onRequest: [fastify.authenticate]`. */
  guard: string | undefined;
  /** Existing schema expressions to reuse: the create route's body schema for a replace. */
  reuse?: { body?: string };
}

export interface RouteCode {
  /** Module-level declarations the route refers to: schemas, and their types in TypeScript. */
  decls: string[];
  statement: string;
  imports: ImportNeed[];
}

export interface RouteInput {
  m: FastifyModel;
  bp: Blueprint;
  ep: EndpointPlan;
  target: RouteTarget;
  data: DataAccess | undefined;
  errors: ErrorContext;
  idStatement?: string;
  exprs: Omit<ExprContext, "input">;
}

const pascal = (words: string[]) => words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");

/** `Book`, `Dice`, `Health`: what the endpoint's schemas are named after. */
function baseName(bp: Blueprint, ep: EndpointPlan): string {
  if (bp.resource && ep.role !== "custom") return bp.resource.names.pascalSingular;
  const words = ep.path.split("/").filter((s) => s && !s.startsWith(":") && !/^(api|v\d+)$/.test(s)).slice(-2).flatMap((s) => s.split(/[-_.]/)).filter(Boolean);
  return pascal(words.length > 0 ? words : ["Root"]);
}

/** Declares a schema constant once per file, under a name the file does not use yet; answers the name. */
function declare(target: RouteTarget, flavor: Flavor, wanted: string, code: string, decls: string[], typeAs: string | undefined): string {
  const camel = flavor.typebox ? wanted : wanted.charAt(0).toLowerCase() + wanted.slice(1);
  for (const [name, existing] of target.declared) if (existing === code && name.replace(/\d+$/, "") === camel) return name;
  let name = camel;
  for (let i = 2; target.taken.has(name); i += 1) name = `${camel}${i}`;
  target.taken.add(name);
  target.declared.set(name, code);
  decls.push(`const ${name} = ${code};`);
  // Handlers see a validated input through its type: `type BookBody = Static<typeof BookBody>`.
  if (typeAs && flavor.typebox) decls.push(`type ${name} = ${typeAs}<typeof ${name}>;`);
  return name;
}

function extraType(props: { name: string; type: string; optional: boolean }[]): string {
  return `{ ${props.map((p) => `${p.name}${p.optional ? "?" : ""}: ${p.type}`).join("; ")} }`;
}

/** The registration of one endpoint: `fastify.get('/:sides', { schema }, async (request) => { … })`, and the constants it uses. */
export function renderRoute(input: RouteInput): RouteCode {
  const { m, bp, ep, target } = input;
  const flavor: Flavor = { typebox: m.schemas.typebox?.type };
  const staticName = m.schemas.typebox?.static ?? "Static";
  const inputs = routeInputs(ep, m.errors.validationStatus, target.idInSchema);
  const decls: string[] = [];
  const imports: ImportNeed[] = [];
  const base = baseName(bp, ep);
  const parts: string[] = [];
  const generic: string[] = [];
  const typed = (key: "Params" | "Querystring" | "Body", name: string | undefined, props: SchemaProp[], extra: { name: string; type: string; optional: boolean }[]) => {
    if (!m.typescript || m.schemas.typeProvider) return;
    const own = name && flavor.typebox && target.decls ? name : props.length > 0 ? tsObjectType(props) : undefined;
    const more = extra.length > 0 ? extraType(extra) : undefined;
    const type = own && more ? `${own} & ${more}` : (own ?? more);
    if (type) generic.push(`${key}: ${type}`);
  };
  const schemaOf = (part: string, wanted: string, props: SchemaProp[]): string | undefined => {
    if (props.length === 0 && part !== "body") return undefined;
    const code = objectSchema(props, flavor);
    const ref = target.decls ? declare(target, flavor, wanted, code, decls, m.typescript && !m.schemas.typeProvider ? staticName : undefined) : code;
    parts.push(`${part}: ${ref}`);
    return target.decls ? ref : undefined;
  };
  const paramsName = schemaOf("params", `${base}Params`, inputs.params);
  const itemId = ep.role !== "custom" && !target.idInSchema && ep.params.length > 0 ? [{ name: bp.resource?.idName ?? "id", type: "string", optional: false }] : [];
  typed("Params", paramsName, inputs.params, [...itemId, ...[...inputs.byHandler.path].map((name) => ({ name, type: "string", optional: false }))]);
  const queryName = schemaOf("querystring", `${base}Query`, inputs.query);
  typed("Querystring", queryName, inputs.query, [...inputs.byHandler.query].map((name) => ({ name, type: "string", optional: true })));
  if (inputs.body) {
    const extra = (ep.body ?? []).filter((f) => inputs.byHandler.body.has(f.name)).map((f) => ({ name: f.name, type: tsTypeOf(f), optional: true }));
    if (target.reuse?.body && !m.typescript && extra.length === 0 && ep.role !== "update") parts.push(`body: ${target.reuse.body}`);
    else typed("Body", schemaOf("body", `${base}${ep.role === "update" ? "Update" : "Body"}`, inputs.body), inputs.body, extra);
  }
  const value = ep.success.value;
  const response = m.schemas.response && value.k === "expr" ? responseSchema(value.expr, flavor) : undefined;
  if (response) parts.push(`response: { ${ep.success.status}: ${target.decls ? declare(target, flavor, `${base}Response`, response, decls, undefined) : response} }`);
  if (flavor.typebox && (decls.length > 0 || parts.length > 0)) {
    imports.push({ module: m.schemas.typebox!.module, name: "Type", local: flavor.typebox });
    if (m.typescript && target.decls && decls.some((d) => d.startsWith("type "))) imports.push({ module: m.schemas.typebox!.module, name: "Static", local: staticName, typeOnly: true });
  }
  const handler = renderHandler({ bp, ep, data: input.data, inputs, errors: input.errors, request: m.handlers.request, exprs: input.exprs, ...(input.idStatement ? { idStatement: input.idStatement } : {}) });
  const fn = handlerFunction(handler, m.handlers.kind, m.handlers.request, m.handlers.reply);
  const options = [...(parts.length > 0 ? [`schema: { ${parts.join(", ")} }`] : []), ...(target.guard ? [target.guard] : [])];
  const types = generic.length > 0 ? `<{ ${generic.join("; ")} }>` : "";
  const statement =
    target.form === "route"
      ? `${target.receiver}.route${types}({ method: ${JSON.stringify(ep.method)}, url: ${JSON.stringify(target.local)}, ${[...options, `handler: ${fn}`].join(", ")} });`
      : `${target.receiver}.${ep.method.toLowerCase()}${types}(${[JSON.stringify(target.local), ...(options.length > 0 ? [`{ ${options.join(", ")} }`] : []), fn].join(", ")});`;
  return { decls, statement, imports: [...imports, ...handler.imports] };
}
