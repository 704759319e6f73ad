import type { SyntaxNode, Tree } from "@lezer/common";
import { parser } from "@lezer/python";

/** A Python source file and its concrete syntax tree. */
export interface PySource {
  text: string;
  tree: Tree;
}

export function parsePython(text: string): PySource {
  return { text, tree: parser.parse(text) };
}

export function textOf(src: PySource, node: SyntaxNode): string {
  return src.text.slice(node.from, node.to);
}

/** Every child, tokens included; comments left out because they may sit anywhere. */
export function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name !== "Comment") out.push(child);
  }
  return out;
}

const NOT_STATEMENTS = new Set([":", "Comment"]);

/** The statements directly in a Script or a Body. */
export function statementsOf(block: SyntaxNode): SyntaxNode[] {
  return childrenOf(block).filter((child) => !NOT_STATEMENTS.has(child.name));
}

/** The Body of a function or class definition. */
export function bodyOf(definition: SyntaxNode): SyntaxNode | undefined {
  return childrenOf(definition).find((child) => child.name === "Body");
}

/** The definition inside a decorated statement, or the statement itself. */
export function undecorated(statement: SyntaxNode): SyntaxNode {
  if (statement.name !== "DecoratedStatement") return statement;
  return childrenOf(statement).find((child) => child.name !== "Decorator") ?? statement;
}

/** Name of a `def` or `class`. */
export function definedName(src: PySource, definition: SyntaxNode): string | undefined {
  const name = childrenOf(definition).find((child) => child.name === "VariableName");
  return name ? textOf(src, name) : undefined;
}

export interface CallArgs {
  positional: SyntaxNode[];
  keywords: Map<string, SyntaxNode>;
}

/** Arguments of an ArgList, split at commas; `*a` and `**k` are left out. */
export function callArgs(src: PySource, argList: SyntaxNode | undefined | null): CallArgs {
  const args: CallArgs = { positional: [], keywords: new Map() };
  if (!argList) return args;
  let group: SyntaxNode[] = [];
  const flush = () => {
    if (group.length === 1) args.positional.push(group[0]!);
    else if (group.length === 3 && group[0]!.name === "VariableName" && group[1]!.name === "AssignOp") {
      args.keywords.set(textOf(src, group[0]!), group[2]!);
    }
    group = [];
  };
  for (const child of childrenOf(argList)) {
    if (child.name === "(" || child.name === ")") continue;
    if (child.name === ",") flush();
    else group.push(child);
  }
  flush();
  return args;
}

/** `a.b.c` as `["a", "b", "c"]`; undefined for anything that is not a plain dotted name. */
export function dottedName(src: PySource, node: SyntaxNode): string[] | undefined {
  if (node.name === "VariableName") return [textOf(src, node)];
  if (node.name !== "MemberExpression") return undefined;
  const parts = childrenOf(node);
  if (parts.length !== 3 || parts[1]!.name !== "." || parts[2]!.name !== "PropertyName") return undefined;
  const head = dottedName(src, parts[0]!);
  return head ? [...head, textOf(src, parts[2]!)] : undefined;
}

/** The callee and the arguments of a call node. */
export function callParts(node: SyntaxNode): { callee: SyntaxNode; args: SyntaxNode | undefined } | undefined {
  if (node.name !== "CallExpression") return undefined;
  const parts = childrenOf(node);
  const callee = parts[0];
  if (!callee) return undefined;
  return { callee, args: parts.find((part) => part.name === "ArgList") };
}

/** A decorator `@router.get("/x")` as its dotted name and its arguments. */
export function decoratorParts(src: PySource, decorator: SyntaxNode): { name: string[]; args: SyntaxNode | undefined } {
  const name: string[] = [];
  let args: SyntaxNode | undefined;
  for (const child of childrenOf(decorator)) {
    if (child.name === "VariableName" || child.name === "PropertyName") name.push(textOf(src, child));
    else if (child.name === "ArgList") args = child;
  }
  return { name, args };
}

/** The block a node's names resolve in first: the body of the enclosing function, or the module. */
export function scopeOf(node: SyntaxNode): SyntaxNode {
  for (let at = node.parent; at; at = at.parent) {
    if (at.name === "Body" && at.parent?.name === "FunctionDefinition") return at;
    if (at.name === "Script") return at;
  }
  return node;
}

/** Every node of a subtree with the given name, in source order, the node itself included. */
export function descendants(node: SyntaxNode, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const visit = (at: SyntaxNode) => {
    if (at.name === name) out.push(at);
    for (let child = at.firstChild; child; child = child.nextSibling) visit(child);
  };
  visit(node);
  return out;
}

/** The names a statement binds at its own level: assignment targets, `def`/`class` names, imports. */
export function assignedNames(src: PySource, statement: SyntaxNode): string[] {
  const node = undecorated(statement);
  if (node.name === "FunctionDefinition" || node.name === "ClassDefinition") {
    const name = definedName(src, node);
    return name ? [name] : [];
  }
  if (node.name !== "AssignStatement") return [];
  const names: string[] = [];
  const parts = childrenOf(node);
  parts.forEach((part, index) => {
    const next = parts[index + 1];
    if (part.name === "VariableName" && (next?.name === "AssignOp" || next?.name === "TypeDef" || next?.name === ",")) names.push(textOf(src, part));
  });
  return names;
}

/** The value an assignment stores: the last expression after an `=`. */
export function assignedValue(statement: SyntaxNode): SyntaxNode | undefined {
  if (statement.name !== "AssignStatement") return undefined;
  const parts = childrenOf(statement);
  const at = parts.map((part) => part.name).lastIndexOf("AssignOp");
  return at >= 0 ? parts[at + 1] : undefined;
}

/** The annotation of an annotated assignment or parameter (`TypeDef` without its colon). */
export function annotationOf(typeDef: SyntaxNode | undefined): SyntaxNode | undefined {
  if (!typeDef) return undefined;
  return childrenOf(typeDef).find((child) => child.name !== ":");
}

/** Whether two nodes are the same node of a tree; lezer makes new node objects on every walk. */
export function sameNode(a: SyntaxNode, b: SyntaxNode): boolean {
  return a.from === b.from && a.to === b.to && a.name === b.name;
}

/** A key for a node of a file, for maps. */
export function nodeKey(path: string, node: SyntaxNode): string {
  return `${path}:${node.from}:${node.to}:${node.name}`;
}
