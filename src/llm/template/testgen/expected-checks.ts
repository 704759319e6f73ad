import type { Expr, JsonValue } from "../blueprint/blueprint.js";
import type { Check } from "./test-plan.js";

type Bindings = Record<string, string>;
const UNKNOWN = Symbol("unknown");
type Value = JsonValue | typeof UNKNOWN;

/** The value an expression takes for known inputs, or UNKNOWN (time, randomness, the store). */
function evaluate(expr: Expr, b: Bindings): Value {
  switch (expr.k) {
    case "literal":
      return expr.value;
    case "constant":
      return expr.value;
    case "input": {
      const v = b[expr.name];
      if (v === undefined) return UNKNOWN;
      return expr.type === "integer" || expr.type === "number" ? Number(v) : v;
    }
    case "concat": {
      const parts = expr.parts.map((p) => evaluate(p, b));
      return parts.some((p) => p === UNKNOWN) ? UNKNOWN : parts.map(String).join("");
    }
    case "length": {
      const v = evaluate(expr.of, b);
      return typeof v === "string" ? [...v].length : Array.isArray(v) ? v.length : UNKNOWN;
    }
    case "reverse": {
      const v = evaluate(expr.of, b);
      return typeof v === "string" ? [...v].reverse().join("") : UNKNOWN;
    }
    case "upper":
    case "lower": {
      const v = evaluate(expr.of, b);
      return typeof v !== "string" ? UNKNOWN : expr.k === "upper" ? v.toUpperCase() : v.toLowerCase();
    }
    case "palindrome": {
      const v = evaluate(expr.of, b);
      if (typeof v !== "string") return UNKNOWN;
      const s = expr.ignoreCase ? v.toLowerCase() : v;
      return s === [...s].reverse().join("");
    }
    case "arith": {
      const l = evaluate(expr.left, b);
      const r = evaluate(expr.right, b);
      if (typeof l !== "number" || typeof r !== "number") return UNKNOWN;
      return expr.op === "+" ? l + r : expr.op === "-" ? l - r : expr.op === "*" ? l * r : r === 0 ? UNKNOWN : l / r;
    }
    default:
      return UNKNOWN;
  }
}

/** What a test can check about one value of a custom answer, for the inputs of one request. */
export function checksFor(expr: Expr, b: Bindings, path: string[] = []): Check[] {
  if (expr.k === "object") {
    const inner = expr.entries.flatMap((e) => checksFor(e.value, b, [...path, e.key]));
    return inner.length > 0 ? inner : [{ k: "type", path, type: "object" }];
  }
  const known = evaluate(expr, b);
  if (known !== UNKNOWN) return [{ k: "equals", path, to: { k: "json", value: known } }];
  switch (expr.k) {
    case "randomInt": {
      const lo = evaluate(expr.min, b);
      const hi = evaluate(expr.max, b);
      const range: Check[] = typeof lo === "number" && typeof hi === "number" ? [{ k: "between", path, min: lo, max: hi }] : [];
      return [{ k: "type", path, type: "integer" }, ...range];
    }
    case "uptime":
      return [{ k: "type", path, type: "number" }, { k: "between", path, min: 0, max: 1e9 }];
    case "now":
      return [{ k: "type", path, type: expr.as === "iso" ? "string" : "number" }];
    case "count":
      return [{ k: "type", path, type: "integer" }];
    case "length":
      return [{ k: "type", path, type: "integer" }];
    case "palindrome":
      return [{ k: "type", path, type: "boolean" }];
    default:
      return [{ k: "has", path }];
  }
}
