import type { Expr } from "../blueprint/blueprint.js";

/** How an expression's leaves are written where it is rendered. */
export interface ExprContext {
  /** The variable holding a request input, by name. */
  input(name: string): string;
  /** The number of items in the collection's store. */
  count(): string;
  /** The local name a repository constant is imported as. */
  constant(file: string, name: string): string;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** An expression in JavaScript (valid TypeScript too). */
export function renderExpr(expr: Expr, ctx: ExprContext): string {
  switch (expr.k) {
    case "literal":
      return JSON.stringify(expr.value);
    case "input":
      return ctx.input(expr.name);
    case "concat": {
      const parts = expr.parts.map((p) => (p.k === "literal" && typeof p.value === "string" ? p.value.replace(/[`\\]/g, "\\$&").replace(/\$\{/g, "\\${") : `\${${renderExpr(p, ctx)}}`));
      return `\`${parts.join("")}\``;
    }
    case "length":
      return `[...${wrap(renderExpr(expr.of, ctx))}].length`;
    case "reverse":
      return `[...${wrap(renderExpr(expr.of, ctx))}].reverse().join("")`;
    case "upper":
      return `${wrap(renderExpr(expr.of, ctx))}.toUpperCase()`;
    case "lower":
      return `${wrap(renderExpr(expr.of, ctx))}.toLowerCase()`;
    case "palindrome": {
      const v = expr.ignoreCase ? `${wrap(renderExpr(expr.of, ctx))}.toLowerCase()` : renderExpr(expr.of, ctx);
      return `${wrap(v)} === [...${wrap(v)}].reverse().join("")`;
    }
    case "arith":
      return `${wrap(renderExpr(expr.left, ctx))} ${expr.op} ${wrap(renderExpr(expr.right, ctx))}`;
    case "randomInt": {
      const min = renderExpr(expr.min, ctx);
      const max = renderExpr(expr.max, ctx);
      // From 1 the range is just the maximum: 1 + floor(random × max).
      if (expr.min.k === "literal" && expr.min.value === 1) return `1 + Math.floor(Math.random() * ${wrap(max)})`;
      return `${wrap(min)} + Math.floor(Math.random() * (${max} - ${wrap(min)} + 1))`;
    }
    case "uptime":
      return "process.uptime()";
    case "now":
      return expr.as === "iso" ? "new Date().toISOString()" : expr.as === "epochMs" ? "Date.now()" : "Math.floor(Date.now() / 1000)";
    case "constant":
      return ctx.constant(expr.file, expr.name);
    case "count":
      return ctx.count();
    case "object":
      return `{ ${expr.entries
        .map((e) => {
          const value = renderExpr(e.value, ctx);
          return value === e.key ? value : `${IDENT.test(e.key) ? e.key : JSON.stringify(e.key)}: ${value}`;
        })
        .join(", ")} }`;
  }
}

function wrap(code: string): string {
  return IDENT.test(code) || /^[\w$.]+(\(\))?$/.test(code) || /^".*"$/.test(code) || /^\d+$/.test(code) ? code : `(${code})`;
}
