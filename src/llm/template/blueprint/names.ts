import type { Names } from "./blueprint.js";

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** Every spelling of a resource's name a writer needs, from its words and its path segment. */
export function namesOf(segment: string, singularWords: string[], pluralWords: string[]): Names {
  const one = singularWords.length > 0 ? singularWords : [segment.toLowerCase()];
  const many = pluralWords.length > 0 ? pluralWords : one;
  const camel = (ws: string[]) => ws.map((w, i) => (i === 0 ? w : cap(w))).join("");
  return {
    segment,
    camelSingular: camel(one),
    camelPlural: camel(many),
    pascalSingular: one.map(cap).join(""),
    pascalPlural: many.map(cap).join(""),
    snakeSingular: one.join("_"),
    snakePlural: many.join("_"),
    kebabSingular: one.join("-"),
    kebabPlural: many.join("-"),
    singularWords: one.join(" "),
    pluralWords: many.join(" "),
  };
}
