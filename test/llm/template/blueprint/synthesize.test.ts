import { describe, expect, it } from "vitest";
import type { EndpointSpec, JsonValue, ParamSpec } from "../../../../src/understand/spec.js";
import { synthesize } from "../../../../src/llm/template/blueprint/synthesize.js";

function param(name: string, type: ParamSpec["type"], where: ParamSpec["in"] = "path", extra: Partial<ParamSpec> = {}): ParamSpec {
  return { name, in: where, type, required: where === "path", constraints: {}, ...extra };
}

function endpoint(path: string, example: JsonValue, text: string, params: ParamSpec[] = [], query: ParamSpec[] = [], examples: EndpointSpec["examples"] = []): EndpointSpec {
  return { method: "GET", path, role: "custom", params, query, status: 200, statusStated: false, response: { kind: "example", example, free: [] }, outcomes: [], examples, text };
}

const context = { constants: [], names: [], collection: false };

describe("synthesize", () => {
  it("keeps fixed values and recognises the process uptime", () => {
    const result = synthesize(endpoint("/health", { status: "ok", uptime: 12.34 }, "where `uptime` is the number of seconds since the process started"), context);
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ value: { k: "object", entries: [{ key: "status", value: { k: "literal", value: "ok" } }, { key: "uptime", value: { k: "uptime" } }] } }) });
  });

  it("reads a template and its default from two examples", () => {
    const ep = endpoint("/api/greeting", { greeting: "Hello, World!" }, "", [], [param("name", "string", "query", { required: false })], [
      { params: {}, response: { greeting: "Hello, World!" } },
      { params: { name: "Ada" }, response: { greeting: "Hello, Ada!" } },
    ]);
    const result = synthesize(ep, context);
    if (!result.ok) throw new Error(result.decline.reason);
    expect(result.value.value).toEqual({ k: "object", entries: [{ key: "greeting", value: { k: "concat", parts: [{ k: "literal", value: "Hello, " }, { k: "input", name: "name", from: "query", type: "string" }, { k: "literal", value: "!" }] } }] });
    expect(result.value.query).toEqual([expect.objectContaining({ name: "name", default: "World", required: false })]);
  });

  it("echoes a parameter and computes functions of it the key names", () => {
    const ep = endpoint("/words/:word", { word: "Stressed", length: 8, reversed: "dessertS", is_palindrome: false }, "`is_palindrome` ignores case", [param("word", "string")]);
    const result = synthesize(ep, context);
    if (!result.ok) throw new Error(result.decline.reason);
    const input = { k: "input", name: "word", from: "path", type: "string" };
    expect(result.value.value).toEqual({
      k: "object",
      entries: [
        { key: "word", value: input },
        { key: "length", value: { k: "length", of: input } },
        { key: "reversed", value: { k: "reverse", of: input } },
        { key: "is_palindrome", value: { k: "palindrome", of: input, ignoreCase: true } },
      ],
    });
  });

  it("rolls a die between 1 and the parameter the words name", () => {
    const ep = endpoint("/dice/:sides", { sides: 6, result: 4 }, "rolls a fair die with that many sides", [param("sides", "integer")]);
    const result = synthesize(ep, context);
    if (!result.ok) throw new Error(result.decline.reason);
    expect(result.value.value).toEqual({
      k: "object",
      entries: [
        { key: "sides", value: { k: "input", name: "sides", from: "path", type: "integer" } },
        { key: "result", value: { k: "randomInt", min: { k: "literal", value: 1 }, max: { k: "input", name: "sides", from: "path", type: "integer" } } },
      ],
    });
  });

  it("answers with the repository's constants when their values or the issue name them", () => {
    const constants = [
      { file: "app/core/config.py", name: "APP_NAME", value: "Shop" },
      { file: "app/core/config.py", name: "APP_VERSION", value: "1.2.3" },
    ];
    const result = synthesize(endpoint("/version", { app_name: "Shop", version: "0.0.1" }, "Take the values from `APP_NAME` / `APP_VERSION`"), { ...context, constants, names: ["APP_NAME", "APP_VERSION"] });
    if (!result.ok) throw new Error(result.decline.reason);
    expect(result.value.value).toEqual({
      k: "object",
      entries: [
        { key: "app_name", value: { k: "constant", file: "app/core/config.py", name: "APP_NAME", value: "Shop" } },
        { key: "version", value: { k: "constant", file: "app/core/config.py", name: "APP_VERSION", value: "1.2.3" } },
      ],
    });
  });

  it("says which value it cannot work out instead of guessing", () => {
    const result = synthesize(endpoint("/score", { score: 42 }, "returns the `score`, the number of points computed from the history"), context);
    expect(result).toEqual({ ok: false, decline: { reason: expect.stringContaining("shows `score` in the answer of `GET /score` (42) but not how it is worked out"), add: expect.stringContaining("Say how `score` is computed") } });
  });

  it("asks for the response when the issue shows none", () => {
    const ep: EndpointSpec = { ...endpoint("/ping", null, ""), response: { kind: "unknown" } };
    expect(synthesize(ep, context)).toEqual({ ok: false, decline: { reason: "The issue does not show what `GET /ping` answers.", add: expect.stringContaining("Show its response") } });
  });
});

describe("synthesize arithmetic", () => {
  it("follows arithmetic the issue spells out", () => {
    const result = synthesize(endpoint("/square/:n", { n: 3, square: 9 }, "`square` is `n` times `n`", [param("n", "integer")]), context);
    if (!result.ok) throw new Error(result.decline.reason);
    const n = { k: "input", name: "n", from: "path", type: "integer" };
    expect(result.value.value).toEqual({ k: "object", entries: [{ key: "n", value: n }, { key: "square", value: { k: "arith", op: "*", left: n, right: n } }] });
  });

  it("finds the operation every example agrees with", () => {
    const ep = endpoint("/add", { sum: 5 }, "adds the two numbers", [], [param("a", "integer", "query"), param("b", "integer", "query")], [
      { params: { a: "2", b: "3" }, response: { sum: 5 } },
      { params: { a: "10", b: "-4" }, response: { sum: 6 } },
    ]);
    const result = synthesize(ep, context);
    if (!result.ok) throw new Error(result.decline.reason);
    expect(result.value.value).toEqual({ k: "object", entries: [{ key: "sum", value: { k: "arith", op: "+", left: { k: "input", name: "a", from: "query", type: "integer" }, right: { k: "input", name: "b", from: "query", type: "integer" } } }] });
  });
});

describe("synthesize with a body", () => {
  it("computes from the fields a custom POST reads", () => {
    const ep: EndpointSpec = {
      ...endpoint("/slugify", { slug: "hello world" }, "lower-cases the `text`"),
      method: "POST",
      body: { fields: [{ name: "text", type: "string", required: true, nullable: false, constraints: {}, readOnly: false }] },
      examples: [{ params: {}, body: { text: "Hello World" }, response: { slug: "hello world" } }],
    };
    const result = synthesize(ep, context);
    if (!result.ok) throw new Error(result.decline.reason);
    expect(result.value.value).toEqual({ k: "object", entries: [{ key: "slug", value: { k: "lower", of: { k: "input", name: "text", from: "body", type: "string" } } }] });
  });
});
