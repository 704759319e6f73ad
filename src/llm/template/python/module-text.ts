import type { SyntaxNode } from "@lezer/common";

/** Appends top-level blocks to a module, two blank lines apart as PEP 8 asks. */
export function appendBlocks(text: string, blocks: string[]): string {
  const body = text.replace(/\s+$/, "");
  const joined = blocks.map((block) => block.replace(/\s+$/, "")).join("\n\n\n");
  return body === "" ? `${joined}\n` : `${body}\n\n\n${joined}\n`;
}

/** The indentation of the line a node starts on. */
export function indentAt(text: string, node: SyntaxNode): string {
  const lineStart = text.lastIndexOf("\n", node.from - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** Inserts a line after a statement, at the statement's own indentation. */
export function insertLineAfter(text: string, node: SyntaxNode, line: string): string {
  const end = text.indexOf("\n", node.to);
  const at = end < 0 ? text.length : end;
  return `${text.slice(0, at)}\n${indentAt(text, node)}${line}${text.slice(at)}`;
}

/** Inserts a line before a statement, at the statement's own indentation. */
export function insertLineBefore(text: string, node: SyntaxNode, line: string): string {
  const lineStart = text.lastIndexOf("\n", node.from - 1) + 1;
  return `${text.slice(0, lineStart)}${indentAt(text, node)}${line}\n${text.slice(lineStart)}`;
}

/** Indents every non-empty line of a block. */
export function indent(block: string, by = "    "): string {
  return block
    .split("\n")
    .map((line) => (line.trim() === "" ? "" : `${by}${line}`))
    .join("\n");
}

/**
 * Appends blocks to a module, above a closing `if __name__ == "__main__":` block when there is
 * one, so the script part stays last.
 */
export function appendToModule(text: string, blocks: string[], lastStatement: { from: number; text: string } | undefined): string {
  if (!lastStatement || !/^if\s+__name__\s*==/.test(lastStatement.text)) return appendBlocks(text, blocks);
  const head = text.slice(0, lastStatement.from);
  const tail = text.slice(lastStatement.from);
  return `${appendBlocks(head, blocks)}\n\n${tail}`;
}
