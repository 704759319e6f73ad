import { describe, expect, it } from "vitest";
import { collectionWords, pluralOf, singularOf } from "../../src/understand/inflect-words.js";
import { normalizePath } from "../../src/understand/normalize-path.js";

describe("normalizePath", () => {
  it.each([
    ["/notes/:id", "/notes/:id", ["id"]],
    ["/notes/{note_id}", "/notes/:note_id", ["note_id"]],
    ["/items/<id>", "/items/:id", ["id"]],
    ["/items/<int:id>", "/items/:id", ["id"]],
    ["/items/{id:int}", "/items/:id", ["id"]],
    ["/api/v1/quotes/", "/api/v1/quotes", []],
    ["/health.", "/health", []],
    ["/", "/", []],
    ["//double//slash", "/double/slash", []],
  ])("%s → %s", (raw, path, params) => {
    const reading = normalizePath(raw);
    expect(reading.ok && reading.value.path).toBe(path);
    expect(reading.ok && reading.value.params).toEqual(params);
  });

  it("reads types written into the path and query examples", () => {
    const reading = normalizePath("/fib/<int:n>?limit=5&name=Ada%20L");
    expect(reading.ok && reading.value).toEqual({ path: "/fib/:n", params: ["n"], paramTypes: { n: "integer" }, query: [["limit", "5"], ["name", "Ada L"]] });
  });

  it.each(["/files/*", "/users/:id(\\d+)", "/a/:id/:id", "/api/santé", "relative", `/${"a/".repeat(20)}`])("declines %s", (raw) => {
    expect(normalizePath(raw).ok).toBe(false);
  });
});

describe("inflection", () => {
  it.each([
    ["books", "book"],
    ["categories", "category"],
    ["searches", "search"],
    ["addresses", "address"],
    ["statuses", "status"],
    ["people", "person"],
    ["movies", "movie"],
    ["houses", "house"],
    ["news", "news"],
    ["shortener", "shortener"],
  ])("%s ↔ %s", (many, one) => {
    expect(singularOf(many)).toBe(one);
    expect(pluralOf(one)).toBe(many === "shortener" ? "shorteners" : many);
  });

  it("changes only the last word of a collection name", () => {
    expect(collectionWords("saved-searches")).toEqual({ singular: ["saved", "search"], plural: ["saved", "searches"] });
    expect(collectionWords("userProfiles")).toEqual({ singular: ["user", "profile"], plural: ["user", "profiles"] });
  });
});
