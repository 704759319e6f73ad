import type { TestFailure } from "../../domain/agent.js";
import type { ParsedTestOutput } from "../test-run.js";
import { clip, countWords, findLocation } from "./text.js";

/** Jest: "Tests:       1 failed, 1 skipped, 3 passed, 5 total" and "  ● suite › name" blocks. */
export function parseJest(output: string): ParsedTestOutput | undefined {
  const summary = /^Tests:\s+(.*\d+ total)\s*$/m.exec(output);
  if (!summary) return undefined;
  const counts = countWords(summary[1]!);
  const lines = output.split("\n");
  const failures: TestFailure[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = /^\s{2}● (.+)$/.exec(lines[i]!);
    if (!header) continue;
    const block: string[] = [];
    for (let j = i + 1; j < lines.length && !/^\s{2}● /.test(lines[j]!) && !/^Test Suites:/.test(lines[j]!); j++) block.push(lines[j]!);
    // The message is the text before the code frame (">  12 | ...") or the stack.
    const message = block.filter((l) => l.trim() !== "");
    const end = message.findIndex((l) => /^\s*(>?\s*\d+\s*\|)|^\s+at /.test(l));
    failures.push({
      name: header[1]!.trim(),
      message: clip((end < 0 ? message : message.slice(0, end)).map((l) => l.trim()).join("\n")),
      ...findLocation(block.filter((l) => /^\s+at /.test(l))),
    });
  }
  return { runner: "jest", passed: counts.passed ?? 0, failed: counts.failed ?? 0, skipped: (counts.skipped ?? 0) + (counts.todo ?? 0), failures };
}
