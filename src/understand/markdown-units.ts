import type { Nodes, Table } from "mdast";
import type { TaskSpec } from "../domain/task-spec.js";
import { inlineText, MAX_NESTING, parseMarkdown } from "./parse-markdown.js";
import { tableRowText } from "./table-rows.js";

export type UnitKind = "title" | "heading" | "paragraph" | "item" | "row" | "code";

/** One thing a maintainer wrote: the title, a paragraph, a list item, a table row or a code block. */
export interface Unit {
  index: number;
  kind: UnitKind;
  /** The words, inline code kept between backticks; for code blocks, the code. */
  text: string;
  lang?: string;
  /** The unit this one hangs under: the list item above a nested item, the paragraph before a list, table or code block. */
  parent?: number;
  /** The nearest heading above. */
  heading?: number;
  level: number;
}

// Code blocks beyond 20 KB are never shapes; more units than this is not an issue a person wrote.
const MAX_CODE = 20_000;
const MAX_UNITS = 2_000;
const MAX_CRITERIA = 100;
const ENDPOINT_LINE = /^\s*(GET|POST|PUT|PATCH|DELETE)\s+\//i;

interface Collected {
  units: Unit[];
  heading?: number;
}

function add(c: Collected, kind: UnitKind, text: string, level: number, parent?: number, lang?: string): number {
  if (c.units.length >= MAX_UNITS) return c.units.length - 1;
  const index = c.units.length;
  c.units.push({ index, kind, text: text.trim(), level, parent, heading: c.heading, lang });
  if (kind === "heading") c.heading = index;
  return index;
}

function addCode(c: Collected, value: string, lang: string, level: number, parent: number | undefined): void {
  if (value.length > MAX_CODE) return;
  const lines = value.split("\n").filter((l) => l.trim() !== "");
  // A plain block listing `GET /books` lines is a list of endpoints, not a shape.
  if (/^(|text|txt|http|plaintext)$/.test(lang) && lines.length > 0 && lines.every((l) => ENDPOINT_LINE.test(l))) {
    for (const line of lines) add(c, "item", line, level + 1, parent);
    return;
  }
  add(c, "code", value, level, parent, lang);
}

function addTable(c: Collected, table: Table, level: number, parent: number | undefined): void {
  const [head, ...rows] = table.children;
  const headers = (head?.children ?? []).map((cell) => inlineText(cell.children).trim());
  for (const row of rows) add(c, "row", tableRowText(headers, row.children.map((cell) => inlineText(cell.children).trim())), level, parent);
}

/** Blocks in order; `previous` is what a list, table or code block hangs under. */
function walk(c: Collected, nodes: readonly Nodes[], depth: number, parent: number | undefined): void {
  let previous = parent;
  for (const node of nodes) {
    if (depth > MAX_NESTING) return;
    if (node.type === "heading") previous = add(c, "heading", inlineText(node.children), node.depth);
    else if (node.type === "paragraph") previous = add(c, "paragraph", inlineText(node.children), depth, parent);
    else if (node.type === "code") addCode(c, node.value, (node.lang ?? "").toLowerCase(), depth, previous);
    else if (node.type === "table") addTable(c, node, depth, previous);
    else if (node.type === "blockquote" || node.type === "footnoteDefinition") walk(c, node.children, depth + 1, previous);
    else if (node.type === "list") {
      for (const item of node.children) {
        const own: Nodes[] = item.children.filter((n) => n.type === "paragraph" || n.type === "heading");
        const at = add(c, "item", inlineText(own), depth + 1, previous);
        walk(c, item.children.filter((n) => !own.includes(n)), depth + 1, at);
      }
    }
  }
}

/** The issue as units: title first, then the body, then each acceptance criterion. */
export function readUnits(task: Pick<TaskSpec, "title" | "description" | "acceptanceCriteria">): Unit[] {
  const c: Collected = { units: [] };
  add(c, "title", inlineText(parseMarkdown(String(task.title ?? "")).children).replace(/\s+/g, " "), 0);
  walk(c, parseMarkdown(String(task.description ?? "")).children, 0, undefined);
  for (const criterion of (task.acceptanceCriteria ?? []).slice(0, MAX_CRITERIA)) walk(c, parseMarkdown(String(criterion)).children, 1, undefined);
  return c.units;
}
