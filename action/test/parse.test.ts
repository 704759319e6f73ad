import { describe, expect, it } from "vitest";
import { JUnitParseError, parseJUnit } from "../src/junit/parse.js";
import { countTotals } from "../src/report/test-run.js";
import { fixture } from "./support/fixtures.js";

describe("parseJUnit", () => {
  it.each([
    { file: "jest-junit.xml", passed: 2, failed: 1, errored: 0, skipped: 1 },
    { file: "vitest.xml", passed: 2, failed: 1, errored: 0, skipped: 0 },
    { file: "pytest.xml", passed: 2, failed: 2, errored: 1, skipped: 1 },
    { file: "go-junit-report.xml", passed: 1, failed: 1, errored: 0, skipped: 1 },
    { file: "mocha-junit.xml", passed: 2, failed: 1, errored: 0, skipped: 0 },
    { file: "nested.xml", passed: 3, failed: 1, errored: 0, skipped: 0 },
  ])("counts $file", ({ file, passed, failed, errored, skipped }) => {
    const { cases } = parseJUnit(fixture(file), file);
    expect(countTotals(cases)).toMatchObject({ passed, failed, errored, skipped, total: passed + failed + skipped });
  });

  it.each([
    {
      file: "jest-junit.xml",
      name: "sum adds negatives",
      message: "Error: expect(received).toBe(expected) // Object.is equality",
      detailsContain: "(/home/runner/work/calc/calc/src/sum.test.js:9:23)",
    },
    {
      file: "vitest.xml",
      name: "math > divides",
      message: "expected 2 to be 3 // Object.is equality",
      detailsContain: "❯ test/math.test.ts:14:25",
    },
    {
      file: "pytest.xml",
      name: "test_create_item",
      message: "assert 404 == 201\n +  where 404 = <Response [404]>.status_code",
      detailsContain: "tests/test_api.py:12: AssertionError",
    },
    {
      file: "go-junit-report.xml",
      name: "TestDivide",
      message: "Failed",
      detailsContain: "divide_test.go:12: Divide(4, 2) = 3, want 2",
    },
    {
      file: "mocha-junit.xml",
      name: "strings trims",
      message: "expected ' a' to equal 'a'",
      detailsContain: "file:///home/runner/work/calc/calc/test/strings.spec.js:15:28",
    },
  ])("reads the failure of $name from $file", ({ file, name, message, detailsContain }) => {
    const testCase = parseJUnit(fixture(file), file).cases.find((c) => c.name === name);
    expect(testCase?.failure?.message).toBe(message);
    expect(testCase?.failure?.details).toContain(detailsContain);
  });

  it("tells an error from a failure", () => {
    const testCase = parseJUnit(fixture("pytest.xml"), "pytest.xml").cases.find((c) => c.name === "test_db");
    expect(testCase).toMatchObject({ status: "errored", failure: { kind: "error" } });
  });

  it("keeps suite paths of nested suites, file and line attributes, time and system-out", () => {
    const { cases } = parseJUnit(fixture("nested.xml"), "nested.xml");
    expect(cases.map((c) => c.suites.join(" › "))).toEqual([
      "all › api › items",
      "all › api › items",
      "all › cli",
      "all › cli",
    ]);
    expect(cases[3]).toMatchObject({ file: "cli/main.test.ts", line: 42, time: 0.1 });
    const vitest = parseJUnit(fixture("vitest.xml"), "vitest.xml").cases[1];
    expect(vitest?.systemOut).toBe("dividing 4 by 2");
  });

  it("gives mocha's suite-level file to its cases and drops the Root Suite", () => {
    const { cases } = parseJUnit(fixture("mocha-junit.xml"), "mocha-junit.xml");
    expect(cases.every((c) => c.file === "/home/runner/work/calc/calc/test/strings.spec.js")).toBe(true);
    expect(cases[0]?.suites).toEqual(["strings"]);
  });

  it("reads a bare testsuite root with a failure message taken from the body", () => {
    const xml = `<testsuite name="s"><testcase name="t" classname="c" time="1,234.5"><failure>boom
  at x (a.js:1:1)</failure></testcase></testsuite>`;
    expect(parseJUnit(xml, "r.xml").cases).toEqual([
      {
        report: "r.xml",
        suites: ["s"],
        classname: "c",
        name: "t",
        time: 1234.5,
        status: "failed",
        failure: { kind: "failure", message: "boom", details: "boom\n  at x (a.js:1:1)" },
      },
    ]);
  });

  it.each([
    { what: "a file cut short", xml: fixture("malformed.xml"), reason: /never closed/ },
    { what: "mismatched tags", xml: "<testsuite><testcase></testsuite>", reason: /line 1/ },
    { what: "an empty file", xml: "", reason: /not well-formed/ },
    { what: "XML that is not JUnit", xml: "<coverage/>", reason: /no <testsuites> or <testsuite>/ },
  ])("rejects $what", ({ xml, reason }) => {
    expect(() => parseJUnit(xml, "bad.xml")).toThrow(JUnitParseError);
    expect(() => parseJUnit(xml, "bad.xml")).toThrow(reason);
  });
});
