import type { BarePath } from "./find-endpoints.js";
import type { BaseStatement } from "./resolve-paths.js";
import type { CrudIntent } from "./read-crud.js";
import { nameWords, pluralOf, singularOf } from "./inflect-words.js";
import { segmentsOf } from "./normalize-path.js";

function sameName(segment: string | undefined, name: string): boolean {
  const s = (segment ?? "").toLowerCase();
  return s === name || s === pluralOf(name) || s === singularOf(name);
}

/**
 * Where a collection the words ask for lives: the stated base when it ends with the name, the name
 * under a stated prefix, a path named without a method, or `/` + the plural name.
 */
export function crudPath(crud: CrudIntent, bases: BaseStatement[], bare: BarePath[]): string | undefined {
  const name = crud.name ? nameWords(crud.name).map((w, i, all) => (i === all.length - 1 ? pluralOf(w) : w)).join("-") : undefined;
  const base = bases[0]?.path;
  if (base) {
    if (!name || sameName(segmentsOf(base).at(-1), name)) return base;
    return `${base}/${name}`;
  }
  const named = bare.find((b) => !name || sameName(segmentsOf(b.path).at(-1), name)) ?? (name ? undefined : bare[0]);
  if (named) return named.path;
  return name ? `/${name}` : undefined;
}
