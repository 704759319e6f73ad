import type { Expr, JsonValue, ValueType } from "../blueprint/blueprint.js";
import type { PyImport } from "./import-statements.js";
import { pyLiteral, type QuoteStyle } from "./python-literal.js";

/** What an expression can refer to where it is rendered. */
export interface ExprContext {
  quote: QuoteStyle;
  /** The Python expression holding a request input: `word`, `body.name`. */
  input(name: string, from: "path" | "query" | "body"): string;
  /** The Python expression for a repository constant (importing it is the caller's business). */
  constant(file: string, name: string): string;
  /** The number of items in the resource's store, when there is a store. */
  count?: string;
  /** Indentation of the line the expression starts on; a top-level object spreads over lines from it. */
  indent?: string;
}

export interface RenderedExpr {
  code: string;
  imports: PyImport[];
  /** Module-level statements the expression needs, such as the moment the process started. */
  prelude: string[];
}

interface Piece {
  code: string;
  /** Binding strength: 100 atoms and calls, 80 `*` `/`, 70 `+` `-`, 50 comparisons. */
  prec: number;
}

const ATOM = 100;

/** Seconds since start are measured from the import of the module, which happens at startup. */
export const STARTED = "_STARTED";

/** The JSON type a computed value has, for response models and annotations. */
export function exprType(expr: Expr): ValueType {
  switch (expr.k) {
    case "literal":
      return jsonType(expr.value);
    case "input":
      return expr.type;
    case "concat":
    case "upper":
    case "lower":
      return "string";
    case "reverse":
      return exprType(expr.of);
    case "length":
    case "count":
    case "randomInt":
      return "integer";
    case "palindrome":
      return "boolean";
    case "arith":
      return expr.op !== "/" && exprType(expr.left) === "integer" && exprType(expr.right) === "integer" ? "integer" : "number";
    case "uptime":
      return "number";
    case "now":
      return expr.as === "iso" ? "string" : "integer";
    case "constant":
      return jsonType(expr.value);
    case "object":
      return "object";
  }
}

export function jsonType(value: JsonValue): ValueType {
  if (value === null) return "unknown";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  return "object";
}

class Renderer {
  readonly imports: PyImport[] = [];
  readonly prelude: string[] = [];
  constructor(private readonly ctx: ExprContext) {}

  private atom(expr: Expr): string {
    const piece = this.piece(expr);
    return piece.prec >= ATOM ? piece.code : `(${piece.code})`;
  }

  private operand(expr: Expr, prec: number): string {
    const piece = this.piece(expr);
    return piece.prec > prec ? piece.code : `(${piece.code})`;
  }

  private need(entry: PyImport): void {
    if (!this.imports.some((have) => have.module === entry.module && have.name === entry.name)) this.imports.push(entry);
  }

  private concat(parts: Expr[]): Piece {
    const q = this.ctx.quote;
    let fstring = "";
    let plain = true;
    for (const part of parts) {
      if (part.k === "literal" && typeof part.value !== "object") {
        const text = part.value === null ? "None" : String(part.value);
        fstring += text.replace(/\\/g, "\\\\").replace(/\{/g, "{{").replace(/\}/g, "}}").replace(new RegExp(q, "g"), `\\${q}`).replace(/\n/g, "\\n");
        continue;
      }
      const code = this.piece(part).code;
      if (/["'\\{}]/.test(code)) plain = false;
      fstring += `{${code}}`;
    }
    if (plain) return { code: `f${q}${fstring}${q}`, prec: ATOM };
    // Quotes inside replacement fields need Python 3.12, so such parts are joined with `+`.
    const joined = parts.map((part) => (exprType(part) === "string" ? this.operand(part, 70) : `str(${this.piece(part).code})`));
    return { code: joined.join(" + "), prec: 70 };
  }

  private object(entries: { key: string; value: Expr }[]): Piece {
    const q = this.ctx.quote;
    const rendered = entries.map((entry) => `${pyLiteral(entry.key, q)}: ${this.piece(entry.value).code}`);
    return { code: `{${rendered.join(", ")}}`, prec: ATOM };
  }

  piece(expr: Expr): Piece {
    const q = this.ctx.quote;
    switch (expr.k) {
      case "literal":
        return { code: pyLiteral(expr.value, q), prec: typeof expr.value === "number" && expr.value < 0 ? 90 : ATOM };
      case "input":
        return { code: this.ctx.input(expr.name, expr.from), prec: ATOM };
      case "concat":
        return this.concat(expr.parts);
      case "length":
        return { code: `len(${this.piece(expr.of).code})`, prec: ATOM };
      case "reverse":
        return { code: `${this.atom(expr.of)}[::-1]`, prec: ATOM };
      case "upper":
        return { code: `${this.atom(expr.of)}.upper()`, prec: ATOM };
      case "lower":
        return { code: `${this.atom(expr.of)}.lower()`, prec: ATOM };
      case "palindrome": {
        const of = this.atom(expr.of);
        const text = expr.ignoreCase ? `${of}.lower()` : of;
        return { code: `${text} == ${text}[::-1]`, prec: 50 };
      }
      case "arith": {
        const prec = expr.op === "+" || expr.op === "-" ? 70 : 80;
        // The right operand binds tighter so `a - (b - c)` keeps its parentheses.
        return { code: `${this.operand(expr.left, prec - 1)} ${expr.op} ${this.operand(expr.right, prec)}`, prec };
      }
      case "randomInt":
        this.need({ module: "random" });
        return { code: `random.randint(${this.piece(expr.min).code}, ${this.piece(expr.max).code})`, prec: ATOM };
      case "uptime":
        this.need({ module: "time" });
        if (!this.prelude.some((line) => line.startsWith(STARTED))) this.prelude.push(`${STARTED} = time.monotonic()`);
        return { code: `time.monotonic() - ${STARTED}`, prec: 70 };
      case "now":
        if (expr.as === "iso") {
          this.need({ module: "datetime", name: "datetime" });
          this.need({ module: "datetime", name: "timezone" });
          // JavaScript's toISOString form (milliseconds, `Z`), which clients of JSON APIs expect.
          return { code: `datetime.now(timezone.utc).isoformat(timespec=${pyLiteral("milliseconds", q)}).replace(${pyLiteral("+00:00", q)}, ${pyLiteral("Z", q)})`, prec: ATOM };
        }
        this.need({ module: "time" });
        return { code: expr.as === "epochMs" ? "int(time.time() * 1000)" : "int(time.time())", prec: ATOM };
      case "constant":
        return { code: this.ctx.constant(expr.file, expr.name), prec: ATOM };
      case "count":
        if (this.ctx.count === undefined) throw new MissingStore();
        return { code: this.ctx.count, prec: ATOM };
      case "object":
        return this.object(expr.entries);
    }
  }

  top(expr: Expr): string {
    const indent = this.ctx.indent;
    if (expr.k !== "object" || indent === undefined || expr.entries.length < 2) return this.piece(expr).code;
    const q = this.ctx.quote;
    const lines = expr.entries.map((entry) => `${indent}    ${pyLiteral(entry.key, q)}: ${this.piece(entry.value).code},`);
    return `{\n${lines.join("\n")}\n${indent}}`;
  }
}

/** Thrown when an expression counts items but nothing holds any. */
export class MissingStore extends Error {
  constructor() {
    super("The value counts stored items, but the endpoint has no store to count.");
  }
}

/** An Expr as Python source, with the imports and module-level statements it needs. */
export function renderExpr(expr: Expr, ctx: ExprContext): RenderedExpr {
  const renderer = new Renderer(ctx);
  const code = renderer.top(expr);
  return { code, imports: renderer.imports, prelude: renderer.prelude };
}
