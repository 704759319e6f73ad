import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseTestOutput } from "../../src/testing/parse-test-output.js";

function output(name: string): string {
  return readFileSync(new URL(`./output/${name}`, import.meta.url), "utf8");
}

describe("parseTestOutput", () => {
  it.each([
    ["jest.txt", "jest", { name: "todos › returns 404", message: expect.stringContaining("Expected: 404"), file: "b.test.js", line: 1 }],
    ["vitest.txt", "vitest", { name: "todos > returns 404", message: "AssertionError: expected 200 to be 404 // Object.is equality", file: "x.test.js", line: 2 }],
    ["node-test-tap.txt", "node:test", { name: "bad two", message: expect.stringContaining("1 !== 2"), file: "/work/repo/a.test.js", line: 3 }],
    ["node-test-spec.txt", "node:test", { name: "bad two", message: expect.stringContaining("AssertionError"), file: "a.test.js", line: 3 }],
    ["mocha.txt", "mocha", { name: "todos returns 404", message: expect.stringContaining("AssertionError"), file: "test/todos.test.js", line: 7 }],
    ["pytest.txt", "pytest", { name: "test_bad", message: "AssertionError: status", file: "tests/test_x.py", line: 5 }],
  ])("reads %s as %s: 1 passed, 1 failed, 1 skipped and the failure", (file, runner, failure) => {
    const parsed = parseTestOutput(output(file));
    expect(parsed).toMatchObject({ runner, passed: 1, failed: 1, skipped: 1 });
    expect(parsed?.failures).toEqual([failure]);
  });

  it.each([["", undefined], ["make: *** [test] Error 1\n", undefined]])("gives up on output it does not know: %j", (text, expected) => {
    expect(parseTestOutput(text)).toBe(expected);
  });

  it("reads a passing jest run with no failures", () => {
    expect(parseTestOutput("Test Suites: 1 passed, 1 total\nTests:       4 passed, 4 total\n")).toEqual({
      runner: "jest",
      passed: 4,
      failed: 0,
      skipped: 0,
      failures: [],
    });
  });
});
