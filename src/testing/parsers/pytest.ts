import type { TestFailure } from "../../domain/agent.js";
import type { ParsedTestOutput } from "../test-run.js";
import { clip, countWords } from "./text.js";

/** pytest: "==== 1 failed, 3 passed in 0.12s ====" and the short summary's "FAILED file::name - message". */
export function parsePytest(output: string): ParsedTestOutput | undefined {
  const summary = /^=+ (.*\b(?:passed|failed|error|errors|skipped|no tests ran)\b.*) in [\d.]+s.*=+\s*$/m.exec(output);
  if (!summary) return undefined;
  const counts = countWords(summary[1]!);
  const failures: TestFailure[] = [];
  for (const m of output.matchAll(/^(?:FAILED|ERROR) (\S+?)::(\S+)(?: - (.*))?$/gm)) {
    const file = m[1]!;
    // The traceback names the failing line as "path/test_x.py:12: AssertionError".
    const line = new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+): `, "m").exec(output);
    failures.push({ name: m[2]!, message: clip(m[3] ?? ""), file, ...(line ? { line: Number(line[1]) } : {}) });
  }
  return {
    runner: "pytest",
    passed: counts.passed ?? 0,
    failed: (counts.failed ?? 0) + (counts.error ?? 0) + (counts.errors ?? 0),
    skipped: (counts.skipped ?? 0) + (counts.xfailed ?? 0),
    failures,
  };
}
