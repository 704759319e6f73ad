import { describe, expect, it } from "vitest";
import { withCoAuthor } from "../../src/github/commit-message.js";
import { decodeText } from "../../src/github/github-view.js";
import { hiddenMarker, sameText, withMarker } from "../../src/github/markers.js";

const ada = { name: "Ada Lovelace", email: "ada@example.com" };

describe("withCoAuthor", () => {
  it.each([
    ["Add todos", undefined, "Add todos"],
    ["Add todos\n", ada, "Add todos\n\nCo-authored-by: Ada Lovelace <ada@example.com>"],
    ["Add todos\n\nCloses #7", ada, "Add todos\n\nCloses #7\n\nCo-authored-by: Ada Lovelace <ada@example.com>"],
    [
      "Add todos\n\nSigned-off-by: Bot <bot@example.com>",
      ada,
      "Add todos\n\nSigned-off-by: Bot <bot@example.com>\nCo-authored-by: Ada Lovelace <ada@example.com>",
    ],
    ["Fix\n\nCo-authored-by: Ada <ADA@example.com>", ada, "Fix\n\nCo-authored-by: Ada <ADA@example.com>"],
  ])("%j with %j", (message, coAuthor, expected) => {
    expect(withCoAuthor(message, coAuthor)).toBe(expected);
  });
});

describe("hiddenMarker", () => {
  it.each([
    ["reply", "task-42:reply:3", "<!-- archon:reply task-42:reply:3 -->"],
    ["issue", "api task 9", "<!-- archon:issue api_task_9 -->"],
    ["issue", "x --> <script>", "<!-- archon:issue x_-___script_ -->"],
  ])("%s %j", (kind, key, expected) => {
    expect(hiddenMarker(kind, key)).toBe(expected);
  });

  it("adds a marker only once", () => {
    const marker = hiddenMarker("reply", "k");
    expect(withMarker("Hello\n", marker)).toBe(`Hello\n\n${marker}`);
    expect(withMarker(`Hello ${marker}`, marker)).toBe(`Hello ${marker}`);
  });

  it.each([
    ["a\r\nb", "a\nb\n", true],
    [null, "", true],
    ["a", "b", false],
  ])("sameText(%j, %j) is %s", (a, b, expected) => {
    expect(sameText(a, b)).toBe(expected);
  });
});

describe("decodeText", () => {
  it.each([
    ["utf-8 text", Buffer.from("héllo ✓\n"), "héllo ✓\n"],
    ["a NUL byte", Buffer.from([0x61, 0x00, 0x62]), undefined],
    ["invalid utf-8", Buffer.from([0xc3, 0x28]), undefined],
    ["empty", Buffer.alloc(0), ""],
  ])("%s", (_what, bytes, expected) => {
    expect(decodeText(bytes)).toBe(expected);
  });
});
