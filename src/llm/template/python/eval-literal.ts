import type { SyntaxNode } from "@lezer/common";
import type { JsonValue } from "../../../understand/spec.js";
import { type CallArgs, callArgs, callParts, childrenOf, dottedName, type PySource, textOf } from "./syntax-tree.js";

/** How names and calls inside a constant expression get their values. */
export interface ConstantScope {
  name(path: string[]): JsonValue | undefined;
  call(callee: string[], args: CallArgs): JsonValue | undefined;
}

const NO_NAMES: ConstantScope = { name: () => undefined, call: () => undefined };

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0", a: "\x07", b: "\b", f: "\f", v: "\v", "\n": "" };

function unescape(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\s\S])/g, (whole, code: string) => {
    if (/^[xuU]/.test(code) && code.length > 1) return String.fromCodePoint(parseInt(code.slice(1), 16));
    return ESCAPES[code] ?? whole;
  });
}

/** Prefix letters and quote of a string literal: `rb'''` → `{ prefix: "rb", quote: "'''" }`. */
export function stringDelimiters(raw: string): { prefix: string; quote: string } {
  const prefix = /^[A-Za-z]*/.exec(raw)![0];
  const rest = raw.slice(prefix.length);
  const quote = rest.startsWith('"""') || rest.startsWith("'''") ? rest.slice(0, 3) : rest.slice(0, 1);
  return { prefix: prefix.toLowerCase(), quote };
}

/** The value of a plain (not f, not bytes) string literal as written in source. */
export function stringValue(raw: string): string | undefined {
  const { prefix, quote } = stringDelimiters(raw);
  if (prefix.includes("b") || prefix.includes("f")) return undefined;
  const body = raw.slice(prefix.length + quote.length, raw.length - quote.length);
  return prefix.includes("r") ? body : unescape(body);
}

function numberValue(raw: string): number | undefined {
  const clean = raw.replace(/_/g, "");
  if (/[jJ]$/.test(clean)) return undefined;
  if (/^0[xob]/i.test(clean)) return Number(clean);
  const value = Number(clean.replace(/[lL]$/, ""));
  return Number.isFinite(value) ? value : undefined;
}

function formatString(src: PySource, node: SyntaxNode, scope: ConstantScope): string | undefined {
  const raw = textOf(src, node);
  const { prefix, quote } = stringDelimiters(raw);
  let at = node.from + prefix.length + quote.length;
  const end = node.to - quote.length;
  let out = "";
  const literal = (to: number) => {
    const piece = src.text.slice(at, to).replace(/\{\{/g, "{").replace(/\}\}/g, "}");
    return prefix.includes("r") ? piece : unescape(piece);
  };
  for (const part of childrenOf(node)) {
    if (part.name !== "FormatReplacement") continue;
    out += literal(part.from);
    const inner = childrenOf(part).filter((child) => child.name !== "{" && child.name !== "}");
    if (inner.length !== 1) return undefined;
    const value = evalConstant(src, inner[0]!, scope);
    if (value === undefined || (typeof value === "object" && value !== null)) return undefined;
    out += value === null ? "None" : typeof value === "boolean" ? (value ? "True" : "False") : String(value);
    at = part.to;
  }
  return out + literal(end);
}

function binary(op: string, left: JsonValue | undefined, right: JsonValue | undefined): JsonValue | undefined {
  if (typeof left === "string" && typeof right === "string" && op === "+") return left + right;
  if (typeof left !== "number" || typeof right !== "number") return undefined;
  if (op === "+") return left + right;
  if (op === "-") return left - right;
  if (op === "*") return left * right;
  if (op === "/") return left / right;
  if (op === "//") return Math.floor(left / right);
  return undefined;
}

function sequence(src: PySource, node: SyntaxNode, scope: ConstantScope): JsonValue[] | undefined {
  const items: JsonValue[] = [];
  for (const child of childrenOf(node)) {
    if (["[", "]", "(", ")", ","].includes(child.name)) continue;
    const value = evalConstant(src, child, scope);
    if (value === undefined) return undefined;
    items.push(value);
  }
  return items;
}

function dictionary(src: PySource, node: SyntaxNode, scope: ConstantScope): { [key: string]: JsonValue } | undefined {
  const parts = childrenOf(node).filter((child) => !["{", "}", ","].includes(child.name));
  const out: { [key: string]: JsonValue } = {};
  for (let i = 0; i < parts.length; i += 3) {
    const [keyNode, colon, valueNode] = [parts[i], parts[i + 1], parts[i + 2]];
    if (!keyNode || colon?.name !== ":" || !valueNode) return undefined;
    const key = evalConstant(src, keyNode, scope);
    const value = evalConstant(src, valueNode, scope);
    if (typeof key !== "string" || value === undefined) return undefined;
    out[key] = value;
  }
  return out;
}

/**
 * The value of a constant expression: literals, strings joined with `+` or an f-string, and names
 * the scope knows. Undefined for anything computed at run time.
 */
export function evalConstant(src: PySource, node: SyntaxNode, scope: ConstantScope = NO_NAMES): JsonValue | undefined {
  switch (node.name) {
    case "String":
      return stringValue(textOf(src, node));
    case "ContinuedString": {
      const parts = childrenOf(node).map((part) => evalConstant(src, part, scope));
      return parts.every((part) => typeof part === "string") ? parts.join("") : undefined;
    }
    case "FormatString":
      return formatString(src, node, scope);
    case "Number":
      return numberValue(textOf(src, node));
    case "Boolean":
      return textOf(src, node) === "True";
    case "None":
      return null;
    case "ParenthesizedExpression": {
      const inner = childrenOf(node).filter((child) => child.name !== "(" && child.name !== ")");
      return inner.length === 1 ? evalConstant(src, inner[0]!, scope) : undefined;
    }
    case "UnaryExpression": {
      const [op, operand] = childrenOf(node);
      const value = operand ? evalConstant(src, operand, scope) : undefined;
      if (typeof value !== "number" || !op) return undefined;
      return textOf(src, op) === "-" ? -value : textOf(src, op) === "+" ? value : undefined;
    }
    case "BinaryExpression": {
      const [left, op, right] = childrenOf(node);
      if (!left || !op || !right) return undefined;
      return binary(textOf(src, op), evalConstant(src, left, scope), evalConstant(src, right, scope));
    }
    case "ArrayExpression":
    case "TupleExpression":
      return sequence(src, node, scope);
    case "DictionaryExpression":
      return dictionary(src, node, scope);
    case "VariableName":
    case "MemberExpression": {
      const path = dottedName(src, node);
      return path ? scope.name(path) : undefined;
    }
    case "CallExpression": {
      const parts = callParts(node);
      const callee = parts ? dottedName(src, parts.callee) : undefined;
      return callee && parts ? scope.call(callee, callArgs(src, parts.args)) : undefined;
    }
    default:
      return undefined;
  }
}
