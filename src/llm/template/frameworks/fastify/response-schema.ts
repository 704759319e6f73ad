import type { Expr, JsonValue, ValueType } from "../../blueprint/blueprint.js";
import { type Flavor, objectSchema, type SchemaProp } from "./render-schema.js";

function typeOfValue(v: JsonValue): ValueType {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  if (Array.isArray(v)) return "array";
  return v === null ? "unknown" : "object";
}

/** The JSON type an expression's value has, as a response schema describes it. */
function typeOfExpr(e: Expr): ValueType {
  switch (e.k) {
    case "literal":
    case "constant":
      return typeOfValue(e.value);
    case "input":
      return e.type;
    case "concat":
    case "reverse":
    case "upper":
    case "lower":
      return "string";
    case "length":
    case "randomInt":
    case "count":
      return "integer";
    case "palindrome":
      return "boolean";
    case "arith":
    case "uptime":
      return "number";
    case "now":
      return e.as === "iso" ? "string" : "integer";
    case "object":
      return "object";
  }
}

/**
 * A response schema for an answer computed as an object: every key, typed. Fastify serializes
 * through it, so a key left out would be dropped from the answer; anything else gets none.
 */
export function responseSchema(expr: Expr, flavor: Flavor): string | undefined {
  if (expr.k !== "object" || expr.entries.some((e) => e.value.k === "object")) return undefined;
  const props: SchemaProp[] = expr.entries.map((e) => ({ name: e.key, type: typeOfExpr(e.value), required: true, nullable: false, constraints: {} }));
  if (props.some((p) => p.type === "unknown" || p.type === "array" || p.type === "object")) return undefined;
  return objectSchema(props, flavor);
}
