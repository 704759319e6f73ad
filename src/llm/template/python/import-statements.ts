import type { SyntaxNode } from "@lezer/common";
import { childrenOf, type PySource, textOf } from "./syntax-tree.js";

/** One name an import binds: `import a.b as c` or `from m import x as y`. */
export interface PyImport {
  /** As written, leading dots kept for relative imports: `..core`, `fastapi.security`. */
  module: string;
  /** Set for `from module import name`. */
  name?: string;
  alias?: string;
  /** The module as the statement spells it, when a reader made `module` absolute. */
  written?: string;
}

/** An import statement as written. */
export interface ImportLine {
  node: SyntaxNode;
  kind: "from" | "import";
  module: string;
  imports: PyImport[];
  star: boolean;
  multiline: boolean;
}

/** The local name an import binds: `c` for `import a.b as c`, `a` for `import a.b`. */
export function boundName(entry: PyImport): string {
  if (entry.alias) return entry.alias;
  if (entry.name) return entry.name;
  return entry.module.split(".")[0]!;
}

function readFrom(src: PySource, parts: SyntaxNode[], node: SyntaxNode): ImportLine {
  const at = parts.findIndex((part) => part.name === "import");
  const module = parts
    .slice(1, at)
    .map((part) => textOf(src, part))
    .join("");
  const imports: PyImport[] = [];
  let star = false;
  const names = parts.slice(at + 1).filter((part) => !["(", ")"].includes(part.name));
  for (let i = 0; i < names.length; i += 1) {
    const part = names[i]!;
    if (part.name === "*") star = true;
    if (part.name !== "VariableName") continue;
    const alias = names[i + 1]?.name === "as" ? names[i + 2] : undefined;
    imports.push({ module, name: textOf(src, part), ...(alias ? { alias: textOf(src, alias) } : {}) });
    if (alias) i += 2;
  }
  return { node, kind: "from", module, imports, star, multiline: textOf(src, node).includes("\n") };
}

function readPlain(src: PySource, parts: SyntaxNode[], node: SyntaxNode): ImportLine {
  const imports: PyImport[] = [];
  let dotted: string[] = [];
  let alias: string | undefined;
  let expectAlias = false;
  const flush = () => {
    if (dotted.length > 0) imports.push({ module: dotted.join("."), ...(alias ? { alias } : {}) });
    dotted = [];
    alias = undefined;
  };
  for (const part of parts.slice(1)) {
    if (part.name === ",") flush();
    else if (part.name === "as") expectAlias = true;
    else if (part.name === "VariableName") {
      if (expectAlias) alias = textOf(src, part);
      else dotted.push(textOf(src, part));
      expectAlias = false;
    }
  }
  flush();
  return { node, kind: "import", module: imports[0]?.module ?? "", imports, star: false, multiline: false };
}

/** Reads an ImportStatement node. */
export function readImport(src: PySource, node: SyntaxNode): ImportLine {
  const parts = childrenOf(node);
  return parts[0]?.name === "from" ? readFrom(src, parts, node) : readPlain(src, parts, node);
}
