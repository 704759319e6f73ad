import type { TestCase } from "./test-case.js";

/** How people recognise a test: the runner's name, prefixed by its class or file when that adds something. */
export function testName(testCase: TestCase): string {
  const { classname, name } = testCase;
  if (classname === "" || name.includes(classname)) return name;
  return `${classname} › ${name}`;
}
