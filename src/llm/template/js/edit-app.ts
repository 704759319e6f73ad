import { indentAt, insertLinesAfter, statementEnd } from "../source/scan.js";

const IMPORT_LINE = /^(?:import\s|(?:const|let|var)\s[^=\n]*=\s*require\()/gm;

/** Adds an import after the file's last top-level import or require. */
export function addImport(text: string, statement: string): string {
  const starts = [...text.matchAll(IMPORT_LINE)].map((m) => m.index ?? 0);
  const last = starts[starts.length - 1];
  if (last === undefined) return `${statement}\n\n${text}`;
  const end = /from\s+['"][^'"]+['"];?|require\([^)]*\)[^;\n]*;?/.exec(text.slice(last));
  const offset = last + (end ? (end.index ?? 0) + end[0].length : 0);
  return insertLinesAfter(text, offset, statement);
}

/**
 * Adds a statement next to its kind: after the last `app.use('/x', ...)` / `app.register(...)`, else
 * before the export or listen, else at the end.
 */
export function addBeside(text: string, anchor: RegExp, statement: string, fallback: RegExp): string {
  const matches = [...text.matchAll(new RegExp(anchor.source, "gm"))];
  const last = matches[matches.length - 1];
  if (last) {
    const start = last.index ?? 0;
    const indent = indentAt(text, start);
    return insertLinesAfter(text, statementEnd(text, start), indent + statement);
  }
  const before = new RegExp(fallback.source, "m").exec(text);
  if (before) {
    const start = before.index ?? 0;
    const indent = indentAt(text, start);
    return `${text.slice(0, start)}${indent.length > 0 ? "" : ""}${statement}\n\n${indent}${text.slice(start).replace(/^[ \t]*/, "")}`;
  }
  return `${text.replace(/\n*$/, "")}\n\n${statement}\n`;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
