import { parseJUnit } from "../../src/junit/parse.js";
import type { Repository } from "../../src/junit/repository.js";
import { buildTestRun, type TestRun } from "../../src/report/test-run.js";

/** A JUnit document with `failures` failing cases (each with a long message) among `total`. */
export function junitXml(total: number, failures: number, file = "src/big.test.js"): string {
  const cases: string[] = [];
  for (let index = 0; index < total; index++) {
    const time = ((index % 97) / 100).toFixed(3);
    const open = `<testcase classname="big" name="case ${index}" time="${time}" file="${file}" line="${index + 1}"`;
    if (index < failures) {
      const stack = `Error: expected ${index} to be ${index + 1}\n    at Object.&lt;anonymous&gt; (${file}:${index + 1}:7)`;
      cases.push(
        `${open}><failure message="expected ${index} to be ${index + 1}">${stack}\n${"context ".repeat(20)}</failure></testcase>`,
      );
    } else {
      cases.push(`${open}/>`);
    }
  }
  return `<?xml version="1.0"?>\n<testsuites><testsuite name="big" tests="${total}">\n${cases.join("\n")}\n</testsuite></testsuites>\n`;
}

export function testRunOf(xml: string, repository: Repository): TestRun {
  return buildTestRun([parseJUnit(xml, "junit.xml")], [], repository);
}
