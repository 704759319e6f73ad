import type { TestFailure } from "../../domain/agent.js";
import type { ParsedTestOutput } from "../test-run.js";
import { clip, countWords, findLocation } from "./text.js";

/** Vitest: " Tests  1 failed | 3 passed (4)" and " FAIL  file > suite > name" blocks. */
export function parseVitest(output: string): ParsedTestOutput | undefined {
  const summary = /^\s*Tests\s{2,}(.+)\(\d+\)\s*$/m.exec(output);
  if (!summary) return undefined;
  const counts = countWords(summary[1]!);
  const lines = output.split("\n");
  const failures: TestFailure[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = /^\s*FAIL\s+(\S+) > (.+)$/.exec(lines[i]!);
    if (!header) continue;
    const block: string[] = [];
    for (let j = i + 1; j < lines.length && !/^\s*FAIL\s/.test(lines[j]!) && !/⎯{3,}/.test(lines[j]!); j++) block.push(lines[j]!);
    const message = block.find((l) => l.trim() !== "") ?? "";
    const location = findLocation(block.filter((l) => l.includes("❯")));
    failures.push({
      name: header[2]!.replace(/\s+>\s+/g, " > ").trim(),
      message: clip(message),
      file: location?.file ?? header[1]!,
      line: location?.line,
    });
  }
  return { runner: "vitest", passed: counts.passed ?? 0, failed: counts.failed ?? 0, skipped: (counts.skipped ?? 0) + (counts.todo ?? 0), failures };
}
