import { describe, expect, it } from "vitest";
import { diffStatusLabels, labelStyle } from "../../src/github/task-labels.js";

describe("diffStatusLabels", () => {
  it.each([
    [["bug", "archon"], ["archon:planned"], { add: ["archon:planned"], remove: [] }],
    [["archon", "archon:planned"], ["archon:running"], { add: ["archon:running"], remove: ["archon:planned"] }],
    [["archon:running", "Archon:Failed", "good first issue"], [], { add: [], remove: ["archon:running", "Archon:Failed"] }],
    [["ARCHON:REVIEW"], ["archon:review"], { add: [], remove: [] }],
    [["archon"], [], { add: [], remove: [] }],
  ])("from %j to %j", (current, wanted, expected) => {
    expect(diffStatusLabels(current, wanted)).toEqual(expected);
  });
});

describe("labelStyle", () => {
  it.each([
    ["archon:failed", "d93f0b"],
    ["archon:something-new", "ededed"],
  ])("%s is coloured %s", (name, color) => {
    expect(labelStyle(name).color).toBe(color);
  });
});
