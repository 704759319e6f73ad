import type { Names } from "./blueprint.js";

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Renames one collection's name to another's wherever it appears, in every spelling and inside
 * longer identifiers (`todosRouter` → `booksRouter`, `./routes/todos` → `./routes/books`,
 * `TodoService` → `BookService`). Plurals go first so `todos` never becomes `books` + `s`.
 */
export function renameTokens(text: string, from: Names, to: Names): string {
  const pairs: [string, string][] = [
    [from.kebabPlural, to.kebabPlural],
    [from.snakePlural, to.snakePlural],
    [from.pascalPlural, to.pascalPlural],
    [from.camelPlural, to.camelPlural],
    [from.kebabSingular, to.kebabSingular],
    [from.snakeSingular, to.snakeSingular],
    [from.pascalSingular, to.pascalSingular],
    [from.camelSingular, to.camelSingular],
  ];
  const seen = new Set<string>();
  const ordered = pairs.filter(([a]) => a !== "" && !seen.has(a) && seen.add(a)).sort((a, b) => b[0].length - a[0].length);
  // A capitalised spelling may follow a lower-case word (`allTodos`); a lower-case one starts a word.
  const pattern = new RegExp(ordered.map(([a]) => `${/^[A-Z]/.test(a) ? "(?<![A-Z])" : "(?<![A-Za-z0-9])"}${escape(a)}(?![a-z0-9])`).join("|"), "g");
  const map = new Map(ordered);
  return text.replace(pattern, (found) => map.get(found) ?? found);
}
