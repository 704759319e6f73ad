import type { Names } from "../../blueprint/blueprint.js";
import type { PyImport } from "../../python/import-statements.js";
import { freeName } from "../../python/identifiers.js";
import { pyLiteral, type QuoteStyle } from "../../python/python-literal.js";
import type { RepoStyle } from "./fastapi-repo.js";

/** How handlers reach a collection's items. */
export interface StoreAccess {
  /** The variable holding the items. */
  name: string;
  kind: "dict" | "list";
  items: "dict" | "attr";
  /** An expression giving a fresh id, for stores that make their own. */
  nextId?: string;
  idKey: string;
}

/** A new in-memory store: a dict keyed by id and the counter that makes ids. */
export function newStore(
  names: Names,
  idType: "integer" | "string" | "uuid",
  style: RepoStyle,
  taken: Set<string>,
): { access: StoreAccess; block: string; imports: PyImport[] } {
  const name = freeName(taken.has(names.snakePlural) ? `_${names.snakePlural}` : names.snakePlural, taken);
  const key = idType === "integer" ? "int" : "str";
  const dict = style.generics === "builtin" ? `dict[${key}, dict]` : `Dict[${key}, dict]`;
  const imports: PyImport[] = style.generics === "builtin" ? [] : [{ module: "typing", name: "Dict" }];
  const lines = [`# Kept in memory: the ${names.pluralWords} start empty whenever the app restarts.`, `${name}: ${dict} = {}`];
  let nextId: string;
  if (idType === "uuid") {
    imports.push({ module: "uuid" });
    nextId = "str(uuid.uuid4())";
  } else {
    const counter = freeName(`_${names.snakeSingular}_ids`, taken);
    imports.push({ module: "itertools" });
    lines.push(`${counter} = itertools.count(1)`);
    nextId = idType === "integer" ? `next(${counter})` : `str(next(${counter}))`;
  }
  return { access: { name, kind: "dict", items: "dict", nextId, idKey: "id" }, block: lines.join("\n"), imports };
}

/** All items, as a list. */
export function allItems(store: StoreAccess): string {
  return store.kind === "dict" ? `list(${store.name}.values())` : store.name;
}

/** The item with an id, or None. */
export function findItem(store: StoreAccess, id: string, quote: QuoteStyle): string {
  if (store.kind === "dict") return `${store.name}.get(${id})`;
  const key = store.items === "dict" ? `item[${pyLiteral(store.idKey, quote)}]` : `item.${store.idKey}`;
  return `next((item for item in ${store.name} if ${key} == ${id}), None)`;
}

export function countItems(store: StoreAccess): string {
  return `len(${store.name})`;
}

/** Statements that store a new item held in `item`. */
export function insertItem(store: StoreAccess, item: string, quote: QuoteStyle): string {
  if (store.kind === "list") return `${store.name}.append(${item})`;
  const key = store.items === "dict" ? `${item}[${pyLiteral(store.idKey, quote)}]` : `${item}.${store.idKey}`;
  return `${store.name}[${key}] = ${item}`;
}

/** The statement that removes a found item. */
export function removeItem(store: StoreAccess, item: string, id: string): string {
  return store.kind === "dict" ? `del ${store.name}[${id}]` : `${store.name}.remove(${item})`;
}
