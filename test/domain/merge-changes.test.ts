import { describe, expect, it } from "vitest";
import type { FileChange } from "../../src/domain/forge.js";
import { mergeChanges } from "../../src/domain/merge-changes.js";

describe("mergeChanges", () => {
  it.each<[string, FileChange[], FileChange[], FileChange[]]>([
    ["later wins", [{ action: "modify", path: "a", content: "1" }], [{ action: "modify", path: "a", content: "2" }], [{ action: "modify", path: "a", content: "2" }]],
    ["created then modified stays created", [{ action: "create", path: "a", content: "1" }], [{ action: "modify", path: "a", content: "2" }], [{ action: "create", path: "a", content: "2" }]],
    ["created then deleted is nothing", [{ action: "create", path: "a", content: "1" }], [{ action: "delete", path: "a" }], []],
    ["different paths both stay", [{ action: "create", path: "a", content: "1" }], [{ action: "delete", path: "b" }], [{ action: "create", path: "a", content: "1" }, { action: "delete", path: "b" }]],
  ])("%s", (_name, earlier, later, expected) => {
    expect(mergeChanges(earlier, later)).toEqual(expected);
  });
});
