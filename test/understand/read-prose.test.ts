import { describe, expect, it } from "vitest";
import { readConstraints } from "../../src/understand/read-constraints.js";
import { readCrudFields } from "../../src/understand/read-crud-fields.js";
import { readPredicate } from "../../src/understand/read-predicate.js";
import { readStatements } from "../../src/understand/read-statements.js";
import { readUnits } from "../../src/understand/markdown-units.js";

function statements(body: string, known: string[] = []): Array<[string, unknown]> {
  return readStatements(readUnits({ title: "x", description: body, acceptanceCriteria: [] }), new Set(known)).map((s) => [s.names[0] ?? "", s.facts]);
}

describe("readPredicate", () => {
  it.each([
    ["(string, required)", { type: "string", required: true, requiredStated: true }],
    ["(integer, optional)", { type: "integer", required: false, requiredStated: true }],
    ["(str)", { type: "string" }],
    ["is a required, non-empty string", { type: "string", required: true, constraints: { minLength: 1 } }],
    ["is a boolean that defaults to `false`", { type: "boolean", default: { value: false } }],
    ["is optional and defaults to an empty string", { required: false, default: { value: "" } }],
    ["is required (1–100 characters)", { required: true, constraints: { minLength: 1, maxLength: 100 } }],
    ["must be >= 0", { constraints: { minimum: 0 } }],
    [", a positive integer", { type: "integer", positive: true }],
    ["from 1 to 5", { constraints: { minimum: 1, maximum: 5 } }],
    [": one of low, medium, high", { constraints: { enum: ["low", "medium", "high"] } }],
    ["a server-assigned integer", { type: "integer", readOnly: true }],
    ["must be a valid email", { type: "string", constraints: { format: "email" } }],
    ["is not required", { required: false }],
    ["(list of strings)", { type: "array", constraints: { items: "string" } }],
    ["is the number of seconds since start", {}],
  ])("%s", (text, facts) => {
    expect(readPredicate(text)).toEqual(expect.objectContaining(facts));
  });
});

describe("readConstraints", () => {
  it.each([
    ["between 3 and 30 characters", { minLength: 3, maxLength: 30 }],
    ["at most 50 characters.", { maxLength: 50 }],
    ["at least 8 characters", { minLength: 8 }],
    ["between 2 and 100", { minimum: 2, maximum: 100 }],
    ["2..100", { minimum: 2, maximum: 100 }],
    ["<= 10", { maximum: 10 }],
    ["non-negative", { minimum: 0 }],
    ["either `asc` or `desc`", { enum: ["asc", "desc"] }],
    ["must contain an `@`", { contains: "@" }],
    ["an ISO 8601 timestamp", { format: "date-time" }],
    ["555-0100", {}],
  ])("%s", (text, constraints) => {
    expect(readConstraints(text).constraints).toEqual(constraints);
  });

  it("reads bounds of rejected values the other way round", () => {
    expect(readConstraints("above 5 is rejected", true).constraints).toEqual({ maximum: 5 });
  });
});

describe("readStatements", () => {
  it("reads a prose list of fields with types in parentheses", () => {
    expect(statements("`title` (string, required), `author` (string, required), `year` (integer, optional)")).toEqual([
      ["title", expect.objectContaining({ type: "string", required: true })],
      ["author", expect.objectContaining({ type: "string", required: true })],
      ["year", expect.objectContaining({ type: "integer", required: false })],
    ]);
  });

  it("shares a verb across names joined by and", () => {
    expect(statements("`name` and `email` are required, `phone` is optional.")).toEqual([
      ["name", expect.objectContaining({ required: true })],
      ["email", expect.objectContaining({ required: true })],
      ["phone", expect.objectContaining({ required: false })],
    ]);
  });

  it("gives words before a name to that name", () => {
    expect(statements("A listing has `address` (str), `price` (int), `bedrooms` (int) and a server-assigned integer `id`; define the models.")).toEqual([
      ["address", expect.objectContaining({ type: "string" })],
      ["price", expect.objectContaining({ type: "integer" })],
      ["bedrooms", expect.objectContaining({ type: "integer" })],
      ["id", expect.objectContaining({ type: "integer", readOnly: true })],
    ]);
  });

  it("reads bare names that are known, only where a clause starts", () => {
    const read = statements("Fields:\n\n- quantity, a positive integer\n- rating from 1 to 5\n- priority: one of low, medium, high", ["quantity", "rating", "priority"]);
    expect(read).toEqual([
      ["quantity", expect.objectContaining({ type: "integer", positive: true })],
      ["rating", expect.objectContaining({ constraints: { minimum: 1, maximum: 5 } })],
      ["priority", expect.objectContaining({ constraints: { enum: ["low", "medium", "high"] } })],
    ]);
    expect(statements("`email` must be a valid email.", ["email"])).toEqual([["email", expect.objectContaining({ constraints: { format: "email" } })]]);
  });

  it("reads inline declarations", () => {
    expect(statements("`title: str`, `body: Optional[str]`")).toEqual([
      ["title", expect.objectContaining({ type: "string", required: true })],
      ["body", expect.objectContaining({ nullable: true, required: false })],
    ]);
  });
});

describe("readCrudFields", () => {
  it.each([
    [" with title and author", ["title", "author"]],
    [" with a title, an author and a year (integer)", ["title", "author", "year"]],
    [" with fields `title`, `done`", ["title", "done"]],
    [" (name, country). Stored in memory.", ["name", "country"]],
    [" with title and author, stored in memory", ["title", "author"]],
    [" with a publication year", ["publication_year"]],
    [" under /api", []],
  ])("%s", (after, names) => {
    expect(readCrudFields(after)).toEqual(names);
  });
});
