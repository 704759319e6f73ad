import { describe, expect, it } from "vitest";
import { parseSummaryFailures } from "../../src/github/parse-check-summary.js";

const summary = [
  "## ❌ Tests: 2 failed, 10 passed",
  "| Passed | Failed | Skipped | Total | Time | Reports |",
  "| ---: | ---: | ---: | ---: | ---: | ---: |",
  "| 10 | 2 | 0 | 12 | 1.20 s | 1 |",
  "### Failures",
  "#### todos › POST /todos returns 201",
  "failure at [`test/todos.test.js:14`](https://github.com/acme/api/blob/abc/test/todos.test.js#L14)",
  "```text",
  "Expected: 201",
  "Received: 404",
  "```",
  "",
  "#### renders &lt;App&gt; \\*bold\\* \\#1",
  "error at location unknown",
  "````text",
  "TypeError: x is not a function ```",
  "````",
].join("\n");

describe("parseSummaryFailures", () => {
  it.each([
    ["no failures section", "## ✅ Tests: 12 passed\n| Passed |", []],
    ["some other tool's summary", "Everything failed.\n\n- one\n- two", []],
    [
      "the companion Action's summary",
      summary,
      [
        { name: "todos › POST /todos returns 201", message: "Expected: 201\nReceived: 404", file: "test/todos.test.js", line: 14 },
        { name: "renders <App> *bold* #1", message: "TypeError: x is not a function ```" },
      ],
    ],
    [
      "a plain location and no message",
      "### Failures\n#### adds\nfailure at `src/add.test.ts:3`",
      [{ name: "adds", message: "", file: "src/add.test.ts", line: 3 }],
    ],
  ])("%s", (_what, text, expected) => {
    expect(parseSummaryFailures(text)).toEqual(expected);
  });
});
