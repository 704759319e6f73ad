import type { EndpointPlan, Expr } from "../../blueprint/blueprint.js";

/** Whether an expression computes anything of the given kind (an uptime needs a start time). */
export function uses(expr: Expr, kind: Expr["k"]): boolean {
  if (expr.k === kind) return true;
  switch (expr.k) {
    case "concat":
      return expr.parts.some((part) => uses(part, kind));
    case "length":
    case "reverse":
    case "upper":
    case "lower":
    case "palindrome":
      return uses(expr.of, kind);
    case "arith":
      return uses(expr.left, kind) || uses(expr.right, kind);
    case "randomInt":
      return uses(expr.min, kind) || uses(expr.max, kind);
    case "object":
      return expr.entries.some((entry) => uses(entry.value, kind));
    default:
      return false;
  }
}

/** The value an endpoint computes, when it computes one. */
export function exprOf(endpoint: EndpointPlan): Expr | undefined {
  return endpoint.success.value.k === "expr" ? endpoint.success.value.expr : undefined;
}

