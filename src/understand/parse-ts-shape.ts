import ts from "typescript";
import type { JsonValue } from "./spec.js";
import { typeFromWord, type FieldFacts, type NamedFacts } from "./field-facts.js";

const MAX_SHAPE = 5_000;

function literalOf(node: ts.TypeNode): JsonValue | undefined {
  if (!ts.isLiteralTypeNode(node)) return undefined;
  const lit = node.literal;
  if (ts.isStringLiteral(lit)) return lit.text;
  if (ts.isNumericLiteral(lit)) return Number(lit.text);
  if (lit.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (lit.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

function factsOfType(node: ts.TypeNode | undefined, source: ts.SourceFile): FieldFacts {
  if (!node) return {};
  if (ts.isUnionTypeNode(node)) {
    const kept = node.types.filter((t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword) && t.kind !== ts.SyntaxKind.UndefinedKeyword);
    const nullable = kept.length < node.types.length;
    const values = kept.map(literalOf).filter((l): l is JsonValue => l !== undefined);
    if (kept.length > 1 && values.length === kept.length) {
      const type = typeof values[0] === "number" ? "number" : typeof values[0] === "boolean" ? "boolean" : "string";
      return { type, typeFrom: "declared", nullable, constraints: { enum: values } };
    }
    const first = kept.length === 1 ? factsOfType(kept[0], source) : {};
    return { ...first, nullable: nullable || undefined };
  }
  if (ts.isArrayTypeNode(node)) {
    const items = typeFromWord(node.elementType.getText(source))?.type;
    return { type: "array", typeFrom: "declared", constraints: items ? { items } : {} };
  }
  if (ts.isTypeLiteralNode(node)) return { type: "object", typeFrom: "declared" };
  const literal = literalOf(node);
  if (literal !== undefined) return { type: typeof literal === "number" ? "number" : typeof literal === "boolean" ? "boolean" : "string", typeFrom: "declared", constraints: { enum: [literal] } };
  const text = node.getText(source);
  // A JavaScript Date travels as an ISO date-time string.
  if (text === "Date") return { type: "string", typeFrom: "declared", constraints: { format: "date-time" } };
  const generic = /^(?:Array|ReadonlyArray)<(\w+)>$/.exec(text);
  if (generic) return { type: "array", typeFrom: "declared", constraints: { items: typeFromWord(generic[1] ?? "")?.type ?? "unknown" } };
  const word = typeFromWord(text);
  if (!word) return { type: "unknown", typeFrom: "declared" };
  return { type: word.type, typeFrom: "declared", constraints: word.format ? { format: word.format } : {} };
}

function membersOf(source: ts.SourceFile): ts.NodeArray<ts.TypeElement> | undefined {
  const statement = source.statements[0];
  if (!statement) return undefined;
  if (ts.isInterfaceDeclaration(statement)) return statement.members;
  if (ts.isTypeAliasDeclaration(statement) && ts.isTypeLiteralNode(statement.type)) return statement.type.members;
  return undefined;
}

/** `{ id: string, title?: string }`, `interface Note { ... }`, `type Note = { ... }`, `{ id, url }`. */
export function parseTsShape(raw: string): NamedFacts[] | undefined {
  const text = raw.trim().replace(/^export\s+/, "");
  if (text.length > MAX_SHAPE) return undefined;
  const declared = /^(interface|type)\s/.test(text);
  if (!declared && !text.startsWith("{")) return undefined;
  const source = ts.createSourceFile("shape.ts", declared ? text : `type __T = ${text}`, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const members = membersOf(source);
  if (!members || members.length === 0) return undefined;
  const out: NamedFacts[] = [];
  for (const member of members) {
    if (!ts.isPropertySignature(member) || !member.name) continue;
    const name = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : "";
    if (!name) continue;
    const facts = factsOfType(member.type, source);
    const optional = member.questionToken !== undefined;
    out.push({ name, facts: { ...facts, required: member.type ? !optional : undefined, requiredStated: optional || undefined } });
  }
  return out.length > 0 ? out : undefined;
}
