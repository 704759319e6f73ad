import { describe, expect, it } from "vitest";
import { parseJUnit } from "../src/junit/parse.js";
import { conclusionOf, titleOf } from "../src/report/conclusion.js";
import { SUMMARY_LIMIT, renderSummary } from "../src/report/summary.js";
import { buildTestRun } from "../src/report/test-run.js";
import { fakeRepository } from "./support/fake-repository.js";
import { fixture } from "./support/fixtures.js";
import { junitXml, testRunOf } from "./support/test-runs.js";

const repository = fakeRepository(["src/sum.test.js", "src/big.test.js"]);

describe("renderSummary", () => {
  it("shows totals, slowest tests and each failure with its location", () => {
    const run = buildTestRun([parseJUnit(fixture("jest-junit.xml"), "jest.xml")], [], repository);
    const summary = renderSummary(run, {
      name: "Archon tests",
      linkTo: (location) => `https://example.test/${location.path}#L${location.line}`,
    });
    expect(summary).toMatchInlineSnapshot(`
      "## ❌ Archon tests: 1 failed, 2 passed, 1 skipped of 4 tests

      | Passed | Failed | Skipped | Total | Time | Reports |
      | ---: | ---: | ---: | ---: | ---: | ---: |
      | 2 | 1 | 1 | 4 | 827 ms | 1 |

      ### Slowest tests
      | Test | Time |
      | --- | ---: |
      | sum adds negatives | 612 ms |
      | sum is fast | 210 ms |
      | sum adds two numbers | 4 ms |

      ### Failures

      #### sum adds negatives
      failure at [\`src/sum.test.js:9\`](https://example.test/src/sum.test.js#L9)
      \`\`\`text
      Error: expect(received).toBe(expected) // Object.is equality

      Expected: -3
      Received: -1
          at Object.toBe (/home/runner/work/calc/calc/src/sum.test.js:9:23)
          at Promise.then.completed (/home/runner/work/calc/calc/node_modules/jest-circus/build/utils.js:298:28)
          at new Promise (<anonymous>)
      \`\`\`"
    `);
  });

  it("names problems with reports", () => {
    const run = buildTestRun(
      [],
      [
        { kind: "unmatched-glob", subject: "reports/*.xml", reason: "no such file" },
        { kind: "unreadable-report", subject: "broken.xml", reason: "not well-formed XML" },
      ],
      repository,
    );
    const summary = renderSummary(run, { name: "Archon tests" });
    expect(summary).toContain("No JUnit reports found");
    expect(summary).toContain("- No file matched `reports/\\*.xml`: no such file");
    expect(summary).toContain("- Skipped `broken.xml`: not well-formed XML");
    expect(conclusionOf(run)).toBe("failure");
  });

  it("cuts failures below GitHub's limit and says how many were left out", () => {
    const run = testRunOf(junitXml(2_000, 1_237), repository);
    const summary = renderSummary(run, { name: "Archon tests" });
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    const shown = summary.match(/^#### /gm)?.length ?? 0;
    expect(shown).toBeGreaterThan(50);
    expect(summary).toContain(`> **${1_237 - shown} of 1237 failures were left out** of this summary`);
  });

  it("keeps a fence longer than any backticks in the output", () => {
    const xml =
      '<testsuite><testcase name="t"><failure message="m">```evil```\n## not a heading</failure></testcase></testsuite>';
    const summary = renderSummary(testRunOf(xml, repository), { name: "x" });
    expect(summary).toContain("````text\nm\n\n```evil```\n## not a heading\n````");
  });

  it("escapes test names that look like markdown or HTML", () => {
    const xml = '<testsuite><testcase name="a | &lt;img src=x&gt; *b*" time="1"/></testsuite>';
    expect(renderSummary(testRunOf(xml, repository), { name: "x" })).toContain(
      "| a \\| &lt;img src=x&gt; \\*b\\* | 1.00 s |",
    );
  });
});

describe("conclusion and title", () => {
  it.each([
    {
      xml: '<testsuite><testcase name="a"/></testsuite>',
      conclusion: "success",
      title: "0 failed, 1 passed of 1 tests",
    },
    {
      xml: '<testsuite><testcase name="a"><failure/></testcase><testcase name="b"><skipped/></testcase></testsuite>',
      conclusion: "failure",
      title: "1 failed, 0 passed, 1 skipped of 2 tests",
    },
    { xml: "<testsuites/>", conclusion: "neutral", title: "No tests found" },
  ])("$conclusion: $title", ({ xml, conclusion, title }) => {
    const run = testRunOf(xml, repository);
    expect(conclusionOf(run)).toBe(conclusion);
    expect(titleOf(run)).toBe(title);
  });
});
