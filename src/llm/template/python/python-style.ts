import { stringDelimiters } from "./eval-literal.js";
import { readImport } from "./import-statements.js";
import type { QuoteStyle } from "./python-literal.js";
import { childrenOf, descendants, type PySource, textOf } from "./syntax-tree.js";

/** How a repository writes Python, so that new code reads like its own. */
export interface PythonStyle {
  quote: QuoteStyle;
  /** Modules start with `from __future__ import annotations`. */
  futureAnnotations: boolean;
  /** `Optional[str]` or `str | None`. */
  optional: "Optional" | "union";
  /** `List[int]` from typing or the built-in `list[int]`. */
  generics: "typing" | "builtin";
  /** The project's own modules are imported `from app.core import config` or `from ..core import config`. */
  imports: "absolute" | "relative";
}

interface Counts {
  double: number;
  single: number;
  future: number;
  modules: number;
  optional: number;
  union: number;
  typingGenerics: number;
  builtinGenerics: number;
  relative: number;
  absolute: number;
}

function countQuotes(src: PySource, counts: Counts): void {
  for (const node of descendants(src.tree.topNode, "String")) {
    const { quote } = stringDelimiters(textOf(src, node));
    // Docstrings are triple-quoted by convention whatever the code's own quotes are.
    if (quote === '"') counts.double += 1;
    else if (quote === "'") counts.single += 1;
  }
}

function countTypes(src: PySource, counts: Counts): void {
  for (const typeDef of descendants(src.tree.topNode, "TypeDef")) {
    const text = textOf(src, typeDef);
    if (/\bOptional\[/.test(text)) counts.optional += 1;
    if (/\|\s*None\b|\bNone\s*\|/.test(text)) counts.union += 1;
    if (/\b(List|Dict|Set|Tuple)\[/.test(text)) counts.typingGenerics += 1;
    if (/\b(list|dict|set|tuple)\[/.test(text)) counts.builtinGenerics += 1;
  }
}

function countImports(src: PySource, local: Set<string>, counts: Counts): void {
  for (const statement of childrenOf(src.tree.topNode)) {
    if (statement.name !== "ImportStatement") continue;
    const line = readImport(src, statement);
    if (line.module === "__future__" && line.imports.some((entry) => entry.name === "annotations")) counts.future += 1;
    if (line.module.startsWith(".")) counts.relative += 1;
    else if (local.has(line.module.split(".")[0]!)) counts.absolute += 1;
  }
}

/** The majority habits of the given modules (tests excluded by the caller). */
export function detectStyle(sources: PySource[], localPackages: Set<string>): PythonStyle {
  const counts: Counts = { double: 0, single: 0, future: 0, modules: 0, optional: 0, union: 0, typingGenerics: 0, builtinGenerics: 0, relative: 0, absolute: 0 };
  for (const src of sources) {
    if (src.text.trim() === "") continue;
    counts.modules += 1;
    countQuotes(src, counts);
    countTypes(src, counts);
    countImports(src, localPackages, counts);
  }
  return {
    quote: counts.single > counts.double ? "'" : '"',
    futureAnnotations: counts.modules > 0 && counts.future * 2 > counts.modules,
    optional: counts.union > counts.optional ? "union" : "Optional",
    generics: counts.builtinGenerics > counts.typingGenerics ? "builtin" : "typing",
    imports: counts.relative > counts.absolute ? "relative" : "absolute",
  };
}
