import { boundName, type ImportLine, type PyImport, readImport } from "./import-statements.js";
import { parsePython, statementsOf, textOf } from "./syntax-tree.js";

// Modules of the standard library generated code may import; anything else that is not the
// project's own is third party, which is how isort groups them too.
const STDLIB = new Set(
  "abc argparse asyncio base64 collections contextlib copy dataclasses datetime decimal enum functools hashlib hmac itertools json logging math operator os pathlib random re secrets string sys threading time typing uuid warnings".split(
    " ",
  ),
);

// PEP 8's limit as black applies it: longer import lines get wrapped in parentheses.
const LINE_LIMIT = 88;

type Group = 0 | 1 | 2 | 3;

function groupOf(module: string, local: Set<string>): Group {
  if (module === "__future__") return 0;
  if (module.startsWith(".") || local.has(module.split(".")[0]!)) return 3;
  return STDLIB.has(module.split(".")[0]!) ? 1 : 2;
}

/** isort's order of names in one `from` import: CONSTANTS, then Classes, then functions. */
function nameKey(name: string): string {
  const rank = /^[A-Z0-9_]+$/.test(name) && name.length > 1 ? 0 : /^[A-Z]/.test(name) ? 1 : 2;
  return `${rank}${name.toLowerCase()}`;
}

function lineKey(kind: ImportLine["kind"], module: string): string {
  return `${kind === "import" ? 0 : 1}${module.toLowerCase()}`;
}

function renderName(entry: PyImport): string {
  return entry.alias ? `${entry.name} as ${entry.alias}` : entry.name!;
}

/** A `from` import statement, wrapped the way black wraps long ones. */
export function renderFromImport(module: string, entries: PyImport[], indent = "", multiline = false): string {
  const names = entries.map(renderName);
  const line = `${indent}from ${module} import ${names.join(", ")}`;
  if (!multiline && line.length <= LINE_LIMIT) return line;
  return `${indent}from ${module} import (\n${names.map((name) => `${indent}    ${name},\n`).join("")}${indent})`;
}

export function renderImport(entry: PyImport): string {
  if (entry.name) return renderFromImport(entry.module, [entry]);
  return entry.alias ? `import ${entry.module} as ${entry.alias}` : `import ${entry.module}`;
}

function sameBinding(a: PyImport, b: PyImport): boolean {
  return a.module === b.module && a.name === b.name && boundName(a) === boundName(b);
}

function isSorted(keys: string[]): boolean {
  return keys.every((key, i) => i === 0 || keys[i - 1]! <= key);
}

// Imports after the first definition are local on purpose (cycles, optional modules): left alone.
function leadingImports(text: string): ImportLine[] {
  const src = parsePython(text);
  const lines: ImportLine[] = [];
  for (const statement of statementsOf(src.tree.topNode)) {
    if (["FunctionDefinition", "ClassDefinition", "DecoratedStatement"].includes(statement.name)) break;
    if (statement.name === "ImportStatement") lines.push(readImport(src, statement));
  }
  return lines;
}

function addToLine(text: string, line: ImportLine, entry: PyImport): string {
  const entries = [...line.imports];
  const keys = entries.map((item) => nameKey(item.name!));
  const key = nameKey(entry.name!);
  const at = isSorted(keys) ? keys.findIndex((other) => other > key) : -1;
  entries.splice(at < 0 ? entries.length : at, 0, entry);
  const indent = /[ \t]*$/.exec(text.slice(0, line.node.from))![0];
  const rendered = renderFromImport(line.module, entries, "", line.multiline).replace(/\n/g, `\n${indent}`);
  return text.slice(0, line.node.from) + rendered + text.slice(line.node.to);
}

function insertLine(text: string, lines: ImportLine[], entry: PyImport, local: Set<string>): string {
  const statement = renderImport(entry);
  const group = groupOf(entry.module, local);
  const key = lineKey(entry.name ? "from" : "import", entry.module);
  if (lines.length === 0) {
    const src = parsePython(text);
    const first = statementsOf(src.tree.topNode)[0];
    if (!first) return `${statement}\n${text.replace(/^\s+/, "")}`;
    const docstring = first.name === "ExpressionStatement" && /^[rRuU]?("""|''')/.test(textOf(src, first));
    if (docstring) return `${text.slice(0, first.to)}\n\n${statement}\n${text.slice(first.to).replace(/^\n*/, "\n\n")}`;
    const gap = /^(def|class|@|async)/.test(textOf(src, first)) ? "\n\n\n" : "\n\n";
    return `${text.slice(0, first.from)}${statement}${gap}${text.slice(first.from)}`;
  }
  const groups = lines.map((line) => groupOf(line.module, local));
  const same = lines.filter((_, i) => groups[i] === group);
  if (same.length > 0) {
    const sorted = isSorted(same.map((line) => lineKey(line.kind, line.module)));
    const next = sorted ? same.find((line) => lineKey(line.kind, line.module) > key) : undefined;
    if (next) return `${text.slice(0, next.node.from)}${statement}\n${text.slice(next.node.from)}`;
    const last = same[same.length - 1]!;
    return `${text.slice(0, last.node.to)}\n${statement}${text.slice(last.node.to)}`;
  }
  const before = lines.filter((_, i) => groups[i]! < group).pop();
  if (before) return `${text.slice(0, before.node.to)}\n\n${statement}${text.slice(before.node.to)}`;
  const first = lines[0]!;
  return `${text.slice(0, first.node.from)}${statement}\n\n${text.slice(first.node.from)}`;
}

/**
 * Adds imports to a module the way a person would: a name joins an existing `from x import …` of
 * the same module, a new statement goes into its isort group (standard library, third party, the
 * project), and nothing already imported is imported twice.
 */
export function mergeImports(text: string, entries: PyImport[], localPackages: Set<string>): string {
  let out = text;
  for (const entry of entries) {
    const lines = leadingImports(out);
    const all = lines.flatMap((line) => line.imports);
    if (all.some((have) => sameBinding(have, entry))) continue;
    const target = entry.name ? lines.find((line) => line.kind === "from" && line.module === entry.module && !line.star) : undefined;
    out = target ? addToLine(out, target, entry) : insertLine(out, lines, entry, localPackages);
  }
  return out;
}

/** The imports a module already has at its top, as bindings. */
export function existingImports(text: string): PyImport[] {
  return leadingImports(text).flatMap((line) => line.imports);
}
