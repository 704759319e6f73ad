import type { EndpointRole } from "../../blueprint/blueprint.js";

/**
 * One operation on the collection's items, in two parts around the not-found check: `before`
 * runs first; when `missing` is set the handler answers not-found if that expression is falsy;
 * `after` runs once the item is known to exist. `result` is what the handler answers with.
 */
export interface Op {
  before: string[];
  missing?: string;
  after: string[];
  result: string;
}

/** How handlers reach the items: a new Map, the repository's array or Map, or a service object. */
export interface DataAccess {
  async: boolean;
  /** The id from the path, in the type the store keys items by. */
  id(raw: string): string;
  list(): Op;
  get(id: string): Op;
  /** `fields` are the entries of the item's fields (without id): `title: body.title, done: body.done ?? false`. */
  create(fields: string): Op;
  replace(id: string, fields: string): Op;
  /** `assign` are statements applying the present fields to `item`. */
  update(id: string, assign: (item: string) => string[], data: string): Op;
  delete(id: string): Op;
  count(): string;
}

/** A Map of its own, with its own id counter: a new collection kept in memory. */
export function mapStore(store: string, counter: string, idType: "integer" | "string" | "uuid", idName: string): DataAccess {
  const nextId = idType === "integer" ? `${counter}++` : idType === "uuid" ? "randomUUID()" : `String(${counter}++)`;
  return {
    async: false,
    id: (raw) => (idType === "integer" ? `Number(${raw})` : raw),
    list: () => ({ before: [], after: [], result: `[...${store}.values()]` }),
    get: (id) => ({ before: [`const item = ${store}.get(${id});`], missing: "item", after: [], result: "item" }),
    create: (fields) => ({ before: [`const item = { ${idName}: ${nextId}, ${fields} };`, `${store}.set(item.${idName}, item);`], after: [], result: "item" }),
    replace: (id, fields) => ({ before: [], missing: `${store}.has(${id})`, after: [`const item = { ${idName === id ? idName : `${idName}: ${id}`}, ${fields} };`, `${store}.set(${id}, item);`], result: "item" }),
    update: (id, assign) => ({ before: [`const item = ${store}.get(${id});`], missing: "item", after: assign("item"), result: "item" }),
    delete: (id) => ({ before: [], missing: `${store}.delete(${id})`, after: [], result: "" }),
    count: () => `${store}.size`,
  };
}

/** The repository's own array or Map of items, and its way of making ids. */
export function inlineStore(store: string, kind: "array" | "map", nextId: string | undefined, idType: "integer" | "string" | "unknown", idName: string): DataAccess {
  const id = (raw: string) => (idType === "integer" ? `Number(${raw})` : raw);
  const newId = nextId ?? (idType === "integer" ? `${store}.${kind === "map" ? "size" : "length"} + 1` : `String(Date.now())`);
  if (kind === "map") {
    const map = mapStore(store, "", idType === "unknown" ? "string" : idType, idName);
    return { ...map, id, create: (fields) => ({ before: [`const item = { ${idName}: ${newId}, ${fields} };`, `${store}.set(item.${idName}, item);`], after: [], result: "item" }) };
  }
  const find = (x: string) => `${store}.findIndex((entry) => entry.${idName} === ${x})`;
  return {
    async: false,
    id,
    list: () => ({ before: [], after: [], result: store }),
    get: (x) => ({ before: [`const item = ${store}.find((entry) => entry.${idName} === ${x});`], missing: "item", after: [], result: "item" }),
    create: (fields) => ({ before: [`const item = { ${idName}: ${newId}, ${fields} };`, `${store}.push(item);`], after: [], result: "item" }),
    replace: (x, fields) => ({ before: [`const index = ${find(x)};`], missing: "index !== -1", after: [`const item = { ${idName === x ? idName : `${idName}: ${x}`}, ${fields} };`, `${store}[index] = item;`], result: "item" }),
    update: (x, assign) => ({ before: [`const item = ${store}.find((entry) => entry.${idName} === ${x});`], missing: "item", after: assign("item"), result: "item" }),
    delete: (x) => ({ before: [`const index = ${find(x)};`], missing: "index !== -1", after: [`${store}.splice(index, 1);`], result: "" }),
    count: () => `${store}.length`,
  };
}

/** A service object: `await Service.read(id)`; methods that throw not-found need no check here. */
export function serviceAccess(service: string, methods: Partial<Record<EndpointRole, string>>, throwsNotFound: Set<string>, isAsync: boolean, idExpr: (raw: string) => string): DataAccess {
  const aw = isAsync ? "await " : "";
  const call = (role: EndpointRole, args: string) => `${aw}${service}.${methods[role]}(${args})`;
  const throws = (role: EndpointRole) => methods[role] !== undefined && throwsNotFound.has(methods[role]!);
  const fetch = (id: string): Op => (throws("get") ? { before: [`const item = ${call("get", id)};`], after: [], result: "item" } : { before: [`const item = ${call("get", id)};`], missing: "item", after: [], result: "item" });
  return {
    async: isAsync,
    id: idExpr,
    list: () => ({ before: [`const items = ${call("list", "")};`], after: [], result: "items" }),
    get: fetch,
    create: (fields) => ({ before: [`const item = ${call("create", `{ ${fields} }`)};`], after: [], result: "item" }),
    replace: (id, fields) => {
      const role: EndpointRole = methods.replace ? "replace" : "update";
      if (throws(role)) return { before: [`const item = ${call(role, `${id}, { ${fields} }`)};`], after: [], result: "item" };
      return { before: [`const existing = ${call("get", id)};`], missing: "existing", after: [`const item = ${call(role, `${id}, { ${fields} }`)};`], result: "item" };
    },
    update: (id, _assign, data) => {
      if (throws("update")) return { before: [`const item = ${call("update", `${id}, ${data}`)};`], after: [], result: "item" };
      return { before: [`const existing = ${call("get", id)};`], missing: "existing", after: [`const item = ${call("update", `${id}, ${data}`)};`], result: "item" };
    },
    delete: (id) => (throws("delete") ? { before: [`${call("delete", id)};`], after: [], result: "" } : { before: [`const existing = ${call("get", id)};`], missing: "existing", after: [`${call("delete", id)};`], result: "" }),
    count: () => (methods.count ? call("count", "") : `(${call("list", "")}).length`),
  };
}
