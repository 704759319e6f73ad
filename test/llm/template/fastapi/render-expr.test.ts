import { describe, expect, it } from "vitest";
import type { Expr } from "../../../../src/llm/template/blueprint/blueprint.js";
import { type ExprContext, MissingStore, renderExpr } from "../../../../src/llm/template/python/render-expr.js";

const word: Expr = { k: "input", name: "word", from: "path", type: "string" };
const count: Expr = { k: "input", name: "count", from: "query", type: "integer" };
const lit = (value: string | number): Expr => ({ k: "literal", value });

const ctx: ExprContext = { quote: '"', input: (name, from) => (from === "body" ? `payload.${name}` : name), constant: (_file, name) => name, count: "len(notes)" };

describe("renderExpr", () => {
  it.each<[string, Expr, string]>([
    ["a literal", { k: "literal", value: { ok: true, n: null } }, '{"ok": True, "n": None}'],
    ["an input", word, "word"],
    ["a body input", { k: "input", name: "title", from: "body", type: "string" }, "payload.title"],
    ["an f-string for a concatenation", { k: "concat", parts: [lit("Hello, "), word, lit("! {x}")] }, 'f"Hello, {word}! {{x}}"'],
    ["length", { k: "length", of: word }, "len(word)"],
    ["reverse", { k: "reverse", of: word }, "word[::-1]"],
    ["upper of a reversed value", { k: "upper", of: { k: "reverse", of: word } }, "word[::-1].upper()"],
    ["a case-insensitive palindrome", { k: "palindrome", of: word, ignoreCase: true }, "word.lower() == word.lower()[::-1]"],
    ["a strict palindrome", { k: "palindrome", of: word, ignoreCase: false }, "word == word[::-1]"],
    ["arithmetic with needed parentheses", { k: "arith", op: "*", left: { k: "arith", op: "+", left: count, right: lit(1) }, right: lit(2) }, "(count + 1) * 2"],
    ["right-nested subtraction", { k: "arith", op: "-", left: count, right: { k: "arith", op: "-", left: lit(1), right: lit(2) } }, "count - (1 - 2)"],
    ["a random integer", { k: "randomInt", min: lit(1), max: count }, "random.randint(1, count)"],
    ["uptime", { k: "uptime" }, "time.monotonic() - _STARTED"],
    ["epoch milliseconds", { k: "now", as: "epochMs" }, "int(time.time() * 1000)"],
    ["an ISO timestamp", { k: "now", as: "iso" }, 'datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")'],
    ["a constant", { k: "constant", file: "app/core/config.py", name: "APP_NAME", value: "x" }, "APP_NAME"],
    ["a count", { k: "count" }, "len(notes)"],
    ["an object on one line", { k: "object", entries: [{ key: "n", value: { k: "length", of: word } }] }, '{"n": len(word)}'],
  ])("%s", (_name, expr, code) => {
    expect(renderExpr(expr, ctx).code).toBe(code);
  });

  it("falls back to + when a replacement field would need quotes", () => {
    const constant: ExprContext = { ...ctx, constant: () => 'settings["name"]' };
    expect(renderExpr({ k: "concat", parts: [lit("App "), { k: "constant", file: "f", name: "n", value: "" }, lit(" v"), count] }, constant).code).toBe('"App " + settings["name"] + " v" + str(count)');
  });

  it("uses the repository's quote", () => {
    expect(renderExpr({ k: "concat", parts: [lit("it's "), word] }, { ...ctx, quote: "'" }).code).toBe("f'it\\'s {word}'");
  });

  it("spreads a top-level object over lines from the given indentation", () => {
    const expr: Expr = { k: "object", entries: [{ key: "word", value: word }, { key: "length", value: { k: "length", of: word } }] };
    expect(renderExpr(expr, { ...ctx, indent: "    " }).code).toBe('{\n        "word": word,\n        "length": len(word),\n    }');
  });

  it("names the imports and module-level statements a value needs", () => {
    const rendered = renderExpr({ k: "object", entries: [{ key: "up", value: { k: "uptime" } }, { key: "at", value: { k: "now", as: "iso" } }, { key: "roll", value: { k: "randomInt", min: lit(1), max: lit(6) } }] }, ctx);
    expect(rendered.imports).toEqual([{ module: "time" }, { module: "datetime", name: "datetime" }, { module: "datetime", name: "timezone" }, { module: "random" }]);
    expect(rendered.prelude).toEqual(["_STARTED = time.monotonic()"]);
  });

  it("refuses to count without a store", () => {
    const { count: _count, ...withoutStore } = ctx;
    expect(() => renderExpr({ k: "count" }, withoutStore)).toThrow(MissingStore);
  });
});
