import type { FieldSpec } from "../../../agents/task-request.js";
import type { OperationSpec, ResourceNames } from "../model.js";
import type { JsStore } from "./js-service.js";

export interface HandlerContext {
  framework: "express" | "fastify";
  typescript: boolean;
  receiver: string;
  /** Path relative to where the file is mounted. */
  local: string;
  store: JsStore;
  names: ResourceNames;
  fields: FieldSpec[];
  errorKey: string;
  /** A module-level JSON schema for the full body, used instead of an inline one. */
  bodySchemaName?: string | undefined;
}

function findItem(store: JsStore, id: string): string {
  const items = store.kind === "map" ? `[...${store.name}.values()]` : store.name;
  return `${items}.find((item) => String(item.id) === ${id})`;
}

function nextId(store: JsStore): string {
  if (store.nextId) return store.nextId;
  const items = store.kind === "map" ? `[...${store.name}.values()]` : store.name;
  return `${items}.reduce((max, item) => Math.max(max, Number(item.id) || 0), 0) + 1`;
}

function fieldCheck(field: FieldSpec, partial: boolean): string {
  const bad =
    field.type === "string" ? `typeof ${field.name} !== "string" || ${field.name}.trim() === ""` : `typeof ${field.name} !== "${field.type}"`;
  return partial ? `${field.name} !== undefined && (${bad})` : bad;
}

function fieldMessage(field: FieldSpec, partial: boolean): string {
  if (partial || field.type !== "string") return `${field.name} must be ${field.type === "string" ? "a non-empty string" : `a ${field.type}`}`;
  return `${field.name} is required`;
}

function expressValidation(ctx: HandlerContext, partial: boolean): string {
  const names = ctx.fields.map((f) => f.name).join(", ");
  const checks = ctx.fields.map(
    (f) => `if (${fieldCheck(f, partial)}) {\n  res.status(400).json({ ${ctx.errorKey}: "${fieldMessage(f, partial)}" });\n  return;\n}`,
  );
  return [`const { ${names} } = req.body ?? {};`, ...checks].join("\n");
}

function assigned(ctx: HandlerContext, partial: boolean): string {
  const object = `{ ${ctx.fields.map((f) => f.name).join(", ")} }`;
  return partial ? `Object.fromEntries(Object.entries(${object}).filter(([, value]) => value !== undefined))` : object;
}

function expressBody(op: OperationSpec, ctx: HandlerContext): string {
  const one = ctx.names.camelSingular;
  const store = ctx.store;
  const param = `req.params.${op.param ?? "id"}`;
  const notFound = `if (!${one}) {\n  res.status(404).json({ ${ctx.errorKey}: "${ctx.names.singular} not found" });\n  return;\n}`;
  const send = (value: string) => (op.successStatus === 200 ? `res.json(${value});` : `res.status(${op.successStatus}).json(${value});`);
  const partial = op.method === "PATCH";
  switch (op.operation) {
    case "list":
      return send(store.kind === "map" ? `[...${store.name}.values()]` : store.name);
    case "get":
      return [`const ${one} = ${findItem(store, param)};`, notFound, send(one)].join("\n");
    case "create":
      return [
        expressValidation(ctx, false),
        `const ${one} = { id: ${nextId(store)}, ${ctx.fields.map((f) => f.name).join(", ")} };`,
        store.kind === "map" ? `${store.name}.set(${one}.id, ${one});` : `${store.name}.push(${one});`,
        send(one),
      ].join("\n");
    case "update":
      return [`const ${one} = ${findItem(store, param)};`, notFound, expressValidation(ctx, partial), `Object.assign(${one}, ${assigned(ctx, partial)});`, send(one)].join("\n");
    case "delete":
      return [
        `const ${one} = ${findItem(store, param)};`,
        notFound,
        store.kind === "map" ? `${store.name}.delete(${one}.id);` : `${store.name}.splice(${store.name}.indexOf(${one}), 1);`,
        `res.status(${op.successStatus}).end();`,
      ].join("\n");
  }
}

/** The body's JSON schema, which Fastify validates before the handler runs (400 on failure). */
export function bodySchema(fields: FieldSpec[], partial: boolean): string {
  const properties = fields
    .map((f) => `${f.name}: { type: "${f.type}"${f.type === "string" ? ", minLength: 1" : ""} }`)
    .join(", ");
  const required = partial ? "" : `required: [${fields.map((f) => `"${f.name}"`).join(", ")}], `;
  return `{ type: "object", ${required}properties: { ${properties} } }`;
}

function fastifyTypes(op: OperationSpec, ctx: HandlerContext): string {
  if (!ctx.typescript) return "";
  const parts: string[] = [];
  if (op.param) parts.push(`Params: { ${op.param}: string }`);
  if (op.operation === "create" || op.operation === "update") {
    const optional = op.method === "PATCH" ? "?" : "";
    parts.push(`Body: { ${ctx.fields.map((f) => `${f.name}${optional}: ${f.type}`).join("; ")} }`);
  }
  return parts.length > 0 ? `<{ ${parts.join("; ")} }>` : "";
}

function fastifyBody(op: OperationSpec, ctx: HandlerContext): string {
  const one = ctx.names.camelSingular;
  const store = ctx.store;
  const param = `request.params.${op.param ?? "id"}`;
  const notFound = `if (!${one}) {\n  return reply.code(404).send({ ${ctx.errorKey}: "${ctx.names.singular} not found" });\n}`;
  const send = (value: string) => (op.successStatus === 200 ? `return ${value};` : `return reply.code(${op.successStatus}).send(${value});`);
  const partial = op.method === "PATCH";
  const destructure = `const { ${ctx.fields.map((f) => f.name).join(", ")} } = request.body;`;
  switch (op.operation) {
    case "list":
      return send(store.kind === "map" ? `[...${store.name}.values()]` : store.name);
    case "get":
      return [`const ${one} = ${findItem(store, param)};`, notFound, send(one)].join("\n");
    case "create":
      return [
        destructure,
        `const ${one} = { id: ${nextId(store)}, ${ctx.fields.map((f) => f.name).join(", ")} };`,
        store.kind === "map" ? `${store.name}.set(${one}.id, ${one});` : `${store.name}.push(${one});`,
        send(one),
      ].join("\n");
    case "update":
      return [`const ${one} = ${findItem(store, param)};`, notFound, destructure, `Object.assign(${one}, ${assigned(ctx, partial)});`, send(one)].join("\n");
    case "delete":
      return [
        `const ${one} = ${findItem(store, param)};`,
        notFound,
        store.kind === "map" ? `${store.name}.delete(${one}.id);` : `${store.name}.splice(${store.name}.indexOf(${one}), 1);`,
        `return reply.code(${op.successStatus}).send();`,
      ].join("\n");
  }
}

/** One route declaration in canonical style (Prettier restyles it to the repository's). */
export function renderRoute(op: OperationSpec, ctx: HandlerContext): string {
  const method = op.method.toLowerCase();
  if (ctx.framework === "express") {
    const args = op.operation === "list" && ctx.typescript ? "_req, res" : "req, res";
    return `${ctx.receiver}.${method}("${ctx.local}", (${args}) => {\n${expressBody(op, ctx)}\n});`;
  }
  const partial = op.method === "PATCH";
  const body = !partial && ctx.bodySchemaName ? ctx.bodySchemaName : bodySchema(ctx.fields, partial);
  const schema = op.operation === "create" || op.operation === "update" ? `{ schema: { body: ${body} } }, ` : "";
  const args = op.operation === "list" ? "" : "request, reply";
  return `${ctx.receiver}.${method}${fastifyTypes(op, ctx)}("${ctx.local}", ${schema}async (${args}) => {\n${fastifyBody(op, ctx)}\n});`;
}
