/**
 * Just enough of a JavaScript lexer to find where a statement such as `router.get('/', (req, res) => {...});`
 * ends: brackets are counted outside strings, template literals and comments.
 */
export function statementEnd(text: string, start: number): number {
  const stack: string[] = [];
  let opened = false;
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    const top = stack[stack.length - 1];
    if (top === "`") {
      if (c === "\\") i += 1;
      else if (c === "`") stack.pop();
      else if (c === "$" && text[i + 1] === "{") {
        stack.push("${");
        i += 1;
      }
      i += 1;
      continue;
    }
    if (c === "'" || c === '"') {
      i = stringEnd(text, i, c);
      continue;
    }
    if (c === "/" && text[i + 1] === "/") {
      i = lineEnd(text, i);
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      i = close === -1 ? text.length : close + 2;
      continue;
    }
    if (c === "`") stack.push("`");
    else if (c === "(" || c === "[" || c === "{") {
      stack.push(c);
      opened = true;
    } else if (c === ")" || c === "]" || c === "}") {
      stack.pop();
      if (opened && stack.length === 0) {
        let end = i + 1;
        while (text[end] === " " || text[end] === "\t") end += 1;
        if (text[end] === ";") end += 1;
        return end;
      }
    }
    i += 1;
  }
  return text.length;
}

function stringEnd(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length && text[i] !== quote && text[i] !== "\n") {
    if (text[i] === "\\") i += 1;
    i += 1;
  }
  return i + 1;
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf("\n", from);
  return nl === -1 ? text.length : nl;
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** The whitespace a line starts with. */
export function indentAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? "";
}

export function indentBlock(code: string, indent: string): string {
  return code
    .split("\n")
    .map((line) => (line.trim() === "" ? "" : indent + line))
    .join("\n");
}

/** Inserts a block after `offset` (an end of statement) as its own paragraph. */
export function insertBlock(text: string, offset: number, block: string): string {
  const before = text.slice(0, offset).replace(/[ \t]*$/, "");
  const after = text.slice(offset).replace(/^[ \t]*\n?/, "");
  // A closing bracket right after means the block ends its enclosing function: no blank line before it.
  const closes = /^\s*[})\]]/.test(after);
  return `${before}\n\n${block.replace(/\n+$/, "")}\n${after.startsWith("\n") || after === "" || closes ? "" : "\n"}${after}`;
}

/** Inserts lines right after the line holding `offset`, keeping them in the same paragraph. */
export function insertLinesAfter(text: string, offset: number, lines: string): string {
  const end = text.indexOf("\n", offset);
  if (end === -1) return `${text}\n${lines}\n`;
  return `${text.slice(0, end + 1)}${lines}\n${text.slice(end + 1)}`;
}
