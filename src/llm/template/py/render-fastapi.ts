import type { FieldSpec } from "../../../agents/task-request.js";
import { snakeCase } from "../../../agents/inflect.js";
import type { Blueprint, OperationSpec, ResourceNames } from "../model.js";
import type { PyStore } from "./analyse-fastapi.js";

const INT_NAMES = /^(count|year|pages|quantity|qty|age|stock|size|number|priority|score)$/i;

export function pyType(field: FieldSpec): string {
  if (field.type === "boolean") return "bool";
  if (field.type === "number") return INT_NAMES.test(field.name) ? "int" : "float";
  return "str";
}

/** FastAPI's path parameter for an item route: `id` would shadow a builtin, so `todo_id`. */
export function pyParam(param: string | undefined, names: ResourceNames): string {
  return !param || param === "id" ? `${names.snakeSingular}_id` : snakeCase(param);
}

export function fastapiPath(path: string, names: ResourceNames): string {
  return path.replace(/:([A-Za-z_]\w*)/g, (_m, p: string) => `{${pyParam(p, names)}}`);
}

export function renderModel(name: string, fields: FieldSpec[], partial: boolean): string {
  const lines = fields.map((f) => (partial ? `    ${f.name}: ${pyType(f)} | None = None` : `    ${f.name}: ${pyType(f)}`));
  return `class ${name}(BaseModel):\n${lines.join("\n")}`;
}

export interface PyRouteContext {
  receiver: string;
  /** Path relative to the router's prefix. */
  local: string;
  store: PyStore;
  names: ResourceNames;
  fields: FieldSpec[];
  /** Pydantic model for full bodies, and for PATCH bodies. */
  model: string;
  patchModel: string;
}

function idOf(store: PyStore, item: string): string {
  return store.access === "dict" ? `${item}["id"]` : `${item}.id`;
}

function findItem(store: PyStore, param: string): string {
  const items = store.kind === "dict" ? `${store.name}.values()` : store.name;
  return `next((item for item in ${items} if str(${idOf(store, "item")}) == str(${param})), None)`;
}

function nextId(store: PyStore): string {
  if (store.nextId) return store.nextId;
  const items = store.kind === "dict" ? `${store.name}.values()` : store.name;
  return `max((int(${idOf(store, "item")}) for item in ${items}), default=0) + 1`;
}

/** One FastAPI route function, four-space indented like PEP 8. */
export function renderPyRoute(op: OperationSpec, ctx: PyRouteContext): string {
  const one = ctx.names.snakeSingular;
  const store = ctx.store;
  const param = pyParam(op.param, ctx.names);
  const idType = store.idType;
  const status = op.successStatus !== 200 ? `, status_code=${op.successStatus}` : "";
  const decorator = `@${ctx.receiver}.${op.method.toLowerCase()}("${ctx.local}"${status})`;
  const notFound = [`    if ${one} is None:`, `        raise HTTPException(status_code=404, detail="${one} not found")`];
  const find = `    ${one} = ${findItem(store, param)}`;
  const returns = store.access === "dict" ? " -> dict" : "";
  switch (op.operation) {
    case "list":
      return [decorator, `def list_${ctx.names.snakePlural}()${store.access === "dict" ? " -> list[dict]" : ""}:`, `    return ${store.kind === "dict" ? `list(${store.name}.values())` : store.name}`].join("\n");
    case "get":
      return [decorator, `def get_${one}(${param}: ${idType})${returns}:`, find, ...notFound, `    return ${one}`].join("\n");
    case "create": {
      const values = ctx.fields.map((f) => `"${f.name}": body.${f.name}`).join(", ");
      const insert = store.kind === "dict" ? `    ${store.name}[${one}["id"]] = ${one}` : `    ${store.name}.append(${one})`;
      return [decorator, `def create_${one}(body: ${ctx.model}) -> dict:`, `    ${one} = {"id": ${nextId(store)}, ${values}}`, insert, `    return ${one}`].join("\n");
    }
    case "update": {
      const partial = op.method === "PATCH";
      const names = ctx.fields.map((f) => `"${f.name}"`).join(", ");
      const apply =
        store.access === "dict"
          ? partial
            ? [`    for name in (${names}${ctx.fields.length === 1 ? "," : ""}):`, "        value = getattr(body, name)", "        if value is not None:", `            ${one}[name] = value`]
            : [`    ${one}.update({${ctx.fields.map((f) => `"${f.name}": body.${f.name}`).join(", ")}})`]
          : ctx.fields.map((f) => (partial ? `    if body.${f.name} is not None:\n        ${one}.${f.name} = body.${f.name}` : `    ${one}.${f.name} = body.${f.name}`));
      return [decorator, `def ${partial ? "patch" : "update"}_${one}(${param}: ${idType}, body: ${partial ? ctx.patchModel : ctx.model})${returns}:`, find, ...notFound, ...apply, `    return ${one}`].join("\n");
    }
    case "delete": {
      const remove = store.kind === "dict" ? `    del ${store.name}[${idOf(store, one)}]` : `    ${store.name}.remove(${one})`;
      return [decorator, `def delete_${one}(${param}: ${idType}) -> None:`, find, ...notFound, remove].join("\n");
    }
  }
}

export function needsModel(bp: Blueprint): { full: boolean; partial: boolean } {
  return {
    full: bp.operations.some((op) => op.operation === "create" || (op.operation === "update" && op.method !== "PATCH")),
    partial: bp.operations.some((op) => op.operation === "update" && op.method === "PATCH"),
  };
}
