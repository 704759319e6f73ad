import type { Constraints, JsonValue, ValueType } from "../../../../understand/spec.js";
import type { PyImport } from "../../python/import-statements.js";
import { pyLiteral, type QuoteStyle } from "../../python/python-literal.js";
import type { RepoStyle } from "./fastapi-repo.js";

/** A piece of Python with the imports it needs. */
export interface Code {
  code: string;
  imports: PyImport[];
}

const SCALARS: Partial<Record<ValueType, string>> = { string: "str", integer: "int", number: "float", boolean: "bool" };

function typing(name: string): PyImport {
  return { module: "typing", name };
}

/** The annotation for a JSON type in the repository's typing style: `List[str]`, `Dict[str, Any]`. */
export function pyType(type: ValueType, constraints: Constraints, style: Pick<RepoStyle, "generics">, quote: QuoteStyle): Code {
  if (constraints.enum && constraints.enum.length > 0) {
    return { code: `Literal[${constraints.enum.map((value: JsonValue) => pyLiteral(value, quote)).join(", ")}]`, imports: [typing("Literal")] };
  }
  const scalar = SCALARS[type];
  if (scalar) return { code: scalar, imports: [] };
  const builtin = style.generics === "builtin";
  if (type === "array") {
    const items = constraints.items && SCALARS[constraints.items] ? { code: SCALARS[constraints.items]!, imports: [] } : { code: "Any", imports: [typing("Any")] };
    return builtin ? { code: `list[${items.code}]`, imports: items.imports } : { code: `List[${items.code}]`, imports: [typing("List"), ...items.imports] };
  }
  if (type === "object") return builtin ? { code: "dict[str, Any]", imports: [typing("Any")] } : { code: "Dict[str, Any]", imports: [typing("Dict"), typing("Any")] };
  return { code: "Any", imports: [typing("Any")] };
}

/** `Optional[X]` or `X | None`, as the repository writes it. */
export function optionalType(inner: Code, style: Pick<RepoStyle, "optional">): Code {
  if (inner.code === "Any") return inner;
  if (style.optional === "union") return { code: `${inner.code} | None`, imports: inner.imports };
  return { code: `Optional[${inner.code}]`, imports: [...inner.imports, typing("Optional")] };
}

/** A list annotation of an item type: `List[Listing]`. */
export function listOf(item: string, style: Pick<RepoStyle, "generics">): Code {
  return style.generics === "builtin" ? { code: `list[${item}]`, imports: [] } : { code: `List[${item}]`, imports: [typing("List")] };
}

/** `Dict[str, Any]` in the repository's style. */
export function anyDict(style: Pick<RepoStyle, "generics">): Code {
  return pyType("object", {}, style, '"');
}

/** Keyword arguments of `Field`, `Query` and `Path` for the constraints pydantic checks itself. */
export function constraintArgs(type: ValueType, constraints: Constraints, major: 1 | 2): string[] {
  const args: string[] = [];
  const array = type === "array";
  // pydantic 1 names list bounds min_items/max_items; pydantic 2 uses min_length/max_length for both.
  if (constraints.minLength !== undefined) args.push(`${array && major === 1 ? "min_items" : "min_length"}=${constraints.minLength}`);
  if (constraints.maxLength !== undefined) args.push(`${array && major === 1 ? "max_items" : "max_length"}=${constraints.maxLength}`);
  if (constraints.minimum !== undefined) args.push(`ge=${constraints.minimum}`);
  if (constraints.maximum !== undefined) args.push(`le=${constraints.maximum}`);
  return args;
}

export function mergeCode(...parts: Code[]): PyImport[] {
  return parts.flatMap((part) => part.imports);
}
