import { describe, expect, it } from "vitest";
import { locateFailure } from "../src/junit/locate.js";
import { parseJUnit } from "../src/junit/parse.js";
import { toRepoPath } from "../src/junit/repo-path.js";
import { stackFrames } from "../src/junit/stack-frames.js";
import type { TestCase } from "../src/junit/test-case.js";
import { fakeRepository } from "./support/fake-repository.js";
import { fixture } from "./support/fixtures.js";

const repository = fakeRepository([
  "src/sum.test.js",
  "test/math.test.ts",
  "tests/test_api.py",
  "tests/conftest.py",
  "internal/mathx/divide_test.go",
  "test/strings.spec.js",
  "src/test/java/com/acme/api/ItemsTest.java",
  "cli/main.test.ts",
  "spec/models/user_spec.rb",
]);

describe("stackFrames", () => {
  it.each([
    { text: "    at Object.toBe (/abs/src/a.test.js:9:23)", path: "/abs/src/a.test.js", line: 9 },
    { text: "    at /abs/src/a.test.js:3:1", path: "/abs/src/a.test.js", line: 3 },
    { text: "    at Context.<anonymous> (file:///abs/t/a.spec.mjs:15:28)", path: "file:///abs/t/a.spec.mjs", line: 15 },
    { text: " ❯ test/math.test.ts:14:25", path: "test/math.test.ts", line: 14 },
    { text: "tests/test_api.py:12: AssertionError", path: "tests/test_api.py", line: 12 },
    { text: "    divide_test.go:12: Divide(4, 2) = 3, want 2", path: "divide_test.go", line: 12 },
    { text: "\tat com.acme.ItemsTest.creates(ItemsTest.java:27)", path: "ItemsTest.java", line: 27 },
    { text: "  at C:\\a\\b.test.js:4:2", path: "C:\\a\\b.test.js", line: 4 },
    { text: "# ./spec/models/user_spec.rb:8:in `block (2 levels)'", path: "./spec/models/user_spec.rb", line: 8 },
  ])("finds $path:$line in $text", ({ text, path, line }) => {
    expect(stackFrames(text)[0]).toEqual({ path, line });
  });

  it.each(["expected 1.5:3 to equal 2", "took 12:30", "no frames here"])("finds no frame in %j", (text) => {
    expect(stackFrames(text)).toEqual([]);
  });
});

describe("toRepoPath", () => {
  it.each([
    { raw: "/home/runner/work/calc/calc/src/sum.test.js", hints: [], expected: "src/sum.test.js" },
    { raw: "file:///home/runner/work/calc/calc/test/strings.spec.js", hints: [], expected: "test/strings.spec.js" },
    { raw: "./tests/test_api.py", hints: [], expected: "tests/test_api.py" },
    { raw: "/app/src/sum.test.js", hints: [], expected: "src/sum.test.js" },
    {
      raw: "divide_test.go",
      hints: ["github.com/acme/calc/internal/mathx"],
      expected: "internal/mathx/divide_test.go",
    },
    { raw: "ItemsTest.java", hints: ["com/acme/api"], expected: "src/test/java/com/acme/api/ItemsTest.java" },
    { raw: "/home/runner/work/calc/calc/node_modules/jest-circus/build/utils.js", hints: [], expected: undefined },
    { raw: "node:internal/timers", hints: [], expected: undefined },
    { raw: "../outside.js", hints: [], expected: undefined },
    { raw: "src/missing.js", hints: [], expected: undefined },
  ])("maps $raw to $expected", ({ raw, hints, expected }) => {
    expect(toRepoPath(raw, repository, hints)).toBe(expected);
  });
});

function failed(partial: Partial<TestCase> & { details?: string }): TestCase {
  const { details = "", ...rest } = partial;
  return {
    report: "r.xml",
    suites: [],
    classname: "",
    name: "t",
    time: 0,
    status: "failed",
    failure: { kind: "failure", message: "boom", details },
    ...rest,
  };
}

describe("locateFailure", () => {
  it.each([
    ["jest-junit.xml", "sum adds negatives", { path: "src/sum.test.js", line: 9 }],
    ["vitest.xml", "math > divides", { path: "test/math.test.ts", line: 14 }],
    ["pytest.xml", "test_create_item", { path: "tests/test_api.py", line: 12 }],
    ["pytest.xml", "test_db", { path: "tests/conftest.py", line: 7 }],
    ["go-junit-report.xml", "TestDivide", { path: "internal/mathx/divide_test.go", line: 12 }],
    ["mocha-junit.xml", "strings trims", { path: "test/strings.spec.js", line: 15 }],
    ["nested.xml", "creates", { path: "src/test/java/com/acme/api/ItemsTest.java", line: 27 }],
  ] as const)("locates the failure in %s (%s)", (file, name, expected) => {
    const testCase = parseJUnit(fixture(file), file).cases.find((c) => c.name === name);
    expect(testCase && locateFailure(testCase, repository)).toEqual(expected);
  });

  it.each([
    {
      why: "a frame in the runner's file beats its line attribute",
      testCase: failed({
        file: "cli/main.test.ts",
        line: 3,
        details: "at helper (src/sum.test.js:2:1)\nat t (cli/main.test.ts:42:5)",
      }),
      expected: { path: "cli/main.test.ts", line: 42 },
    },
    {
      why: "file and line attributes beat frames in other files",
      testCase: failed({ file: "cli/main.test.ts", line: 3, details: "at helper (src/sum.test.js:2:1)" }),
      expected: { path: "cli/main.test.ts", line: 3 },
    },
    {
      why: "the first frame inside the repository wins without attributes",
      testCase: failed({
        details: "at x (/abs/node_modules/a/b.js:1:1)\nat y (/home/runner/work/calc/calc/src/sum.test.js:5:3)",
      }),
      expected: { path: "src/sum.test.js", line: 5 },
    },
    {
      why: "a file attribute alone points at line 1",
      testCase: failed({ file: "cli/main.test.ts" }),
      expected: { path: "cli/main.test.ts", line: 1 },
    },
    {
      why: "a pytest classname maps to its module",
      testCase: failed({ classname: "tests.test_api.TestItems" }),
      expected: { path: "tests/test_api.py", line: 1 },
    },
    {
      why: "a classname that is a path is that file",
      testCase: failed({ classname: "test/math.test.ts" }),
      expected: { path: "test/math.test.ts", line: 1 },
    },
    { why: "nothing known gives no location", testCase: failed({ classname: "Some suite" }), expected: undefined },
  ])("$why", ({ testCase, expected }) => {
    expect(locateFailure(testCase, repository)).toEqual(expected);
  });
});
