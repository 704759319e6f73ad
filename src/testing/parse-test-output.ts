import { parseJest } from "./parsers/jest.js";
import { parseMocha } from "./parsers/mocha.js";
import { parseNodeTest } from "./parsers/node-test.js";
import { parsePytest } from "./parsers/pytest.js";
import { stripAnsi } from "./parsers/text.js";
import { parseVitest } from "./parsers/vitest.js";
import type { ParsedTestOutput } from "./test-run.js";

// Vitest before jest: both print a "Tests" line, but only jest's has a colon.
const PARSERS = [parseVitest, parseJest, parseNodeTest, parsePytest, parseMocha];

/** Reads counts and failures from the output of any runner it knows; undefined for the rest. */
export function parseTestOutput(output: string): ParsedTestOutput | undefined {
  const text = stripAnsi(output).replace(/\r\n?/g, "\n");
  for (const parse of PARSERS) {
    const parsed = parse(text);
    if (parsed) return parsed;
  }
  return undefined;
}
