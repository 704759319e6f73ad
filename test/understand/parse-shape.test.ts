import { describe, expect, it } from "vitest";
import { parseJsonExample, quotePlaceholders } from "../../src/understand/parse-json-example.js";
import { parsePyShape } from "../../src/understand/parse-py-shape.js";
import { parseShape } from "../../src/understand/parse-shape.js";
import { parseTsShape } from "../../src/understand/parse-ts-shape.js";

describe("parseJsonExample", () => {
  it.each([
    ['{ "error": "<message>" }', { error: "<message>" }, ["error"]],
    ['{ "error": "..." }', { error: "..." }, ["error"]],
    ["{ error: <message> }", { error: "<message>" }, ["error"]],
    ['{ "items": [...], "total": 3 }', { items: ["..."], total: 3 }, []],
    ['{ "a": 1, ... }', { a: 1 }, []],
    ["{ name: 'Ada', tags: ['x',], }", { name: "Ada", tags: ["x"] }, []],
    ['{ "url": "https://..." }', { url: "https://..." }, ["url"]],
    ['[{ "id": 1, "name": "..." }]', [{ id: 1, name: "..." }], ["name"]],
    ['{ "note": … }', { note: "..." }, ["note"]],
  ])("reads %s", (raw, value, free) => {
    expect(parseJsonExample(raw)).toEqual({ value, free });
  });

  it.each(["not json", "{ a: }", "42", '"text"', "{"])("declines %s", (raw) => {
    expect(parseJsonExample(raw)).toBeUndefined();
  });

  it("leaves placeholders inside strings alone", () => {
    expect(quotePlaceholders('{ "a": "x ... <y>" }')).toBe('{ "a": "x ... <y>" }');
  });
});

describe("parseTsShape", () => {
  it("reads types, optional and nullable members, unions of literals and arrays", () => {
    const fields = parseTsShape("{ id: string, title?: string; done: boolean | null; p: 'a' | 'b'; tags: string[]; at: Date; n: Array<number> }");
    expect(fields).toEqual([
      { name: "id", facts: expect.objectContaining({ type: "string", required: true }) },
      { name: "title", facts: expect.objectContaining({ type: "string", required: false, requiredStated: true }) },
      { name: "done", facts: expect.objectContaining({ type: "boolean", nullable: true, required: true }) },
      { name: "p", facts: expect.objectContaining({ type: "string", constraints: { enum: ["a", "b"] } }) },
      { name: "tags", facts: expect.objectContaining({ type: "array", constraints: { items: "string" } }) },
      { name: "at", facts: expect.objectContaining({ type: "string", constraints: { format: "date-time" } }) },
      { name: "n", facts: expect.objectContaining({ type: "array", constraints: { items: "number" } }) },
    ]);
  });

  it.each(["interface Note { id: string; body?: string }", "type Note = { id: string; body?: string }", "export interface Note { id: string, body?: string }"])("reads %s", (raw) => {
    expect(parseTsShape(raw)?.map((f) => f.name)).toEqual(["id", "body"]);
  });

  it("reads names without types", () => {
    expect(parseTsShape("{ id, url }")?.map((f) => [f.name, f.facts.type])).toEqual([
      ["id", undefined],
      ["url", undefined],
    ]);
  });

  it.each(["", "not a shape", "type X = string", "{}"])("declines %j", (raw) => {
    expect(parseTsShape(raw)).toBeUndefined();
  });
});

describe("parsePyShape", () => {
  it("reads a pydantic model with defaults, Optional and lists", () => {
    const fields = parsePyShape("class Note(BaseModel):\n    title: str\n    body: Optional[str] = None\n    price: int = 0\n    tags: list[str]\n    rating: float = Field(default=3, ge=1, le=5)");
    expect(fields).toEqual([
      { name: "title", facts: expect.objectContaining({ type: "string", required: true }) },
      { name: "body", facts: expect.objectContaining({ type: "string", nullable: true, required: false, default: { value: null } }) },
      { name: "price", facts: expect.objectContaining({ type: "integer", required: false, default: { value: 0 } }) },
      { name: "tags", facts: expect.objectContaining({ type: "array", constraints: { items: "string" } }) },
      { name: "rating", facts: expect.objectContaining({ type: "number", default: { value: 3 }, constraints: { minimum: 1, maximum: 5 } }) },
    ]);
  });

  it("reads one-line declarations and Python 3.10 unions", () => {
    expect(parsePyShape("title: str, note: str | None")?.map((f) => [f.name, f.facts.nullable ?? false])).toEqual([
      ["title", false],
      ["note", true],
    ]);
  });

  it("declines TypeScript", () => {
    expect(parsePyShape("id: string\nname: string")).toBeUndefined();
  });
});

describe("parseShape", () => {
  it.each([
    ['{ "id": 1, "price": 9.5, "done": false }', "", [["id", "integer"], ["price", "number"], ["done", "boolean"]]],
    ["{ id: string; done?: boolean }", "", [["id", "string"], ["done", "boolean"]]],
    ["interface X { a: number }", "ts", [["a", "number"]]],
    ["class X(BaseModel):\n    a: int", "python", [["a", "integer"]]],
    ['{ "q": "<number>" }', "json", [["q", "number"]]],
  ])("reads %s", (raw, lang, fields) => {
    expect(parseShape(raw, lang)?.fields.map((f) => [f.name, f.facts.type])).toEqual(fields);
  });

  it("keeps the example of a JSON shape", () => {
    expect(parseShape('{ "count": 6 }')?.example).toEqual({ value: { count: 6 }, free: [] });
  });
});
