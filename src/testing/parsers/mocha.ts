import type { TestFailure } from "../../domain/agent.js";
import type { ParsedTestOutput } from "../test-run.js";
import { clip, findLocation } from "./text.js";

/** Mocha's spec reporter: "3 passing (12ms)", "1 failing", then numbered "  1) suite\n       name:" blocks. */
export function parseMocha(output: string): ParsedTestOutput | undefined {
  const passing = /^\s+(\d+) passing/m.exec(output);
  if (!passing) return undefined;
  const failing = /^\s+(\d+) failing/m.exec(output);
  const pending = /^\s+(\d+) pending/m.exec(output);
  const failures: TestFailure[] = [];
  const lines = output.split("\n");
  const start = lines.findIndex((l) => /^\s+\d+ failing/.test(l));
  for (let i = start < 0 ? lines.length : start + 1; i < lines.length; i++) {
    const header = /^\s{2}\d+\) (.+)$/.exec(lines[i]!);
    if (!header) continue;
    const name = [header[1]!.trim()];
    let j = i + 1;
    // The title runs over indented lines until one ends with ":".
    if (!name[0]!.endsWith(":")) {
      for (; j < lines.length && lines[j]!.trim() !== ""; j++) {
        name.push(lines[j]!.trim());
        if (lines[j]!.trim().endsWith(":")) {
          j++;
          break;
        }
      }
    }
    const block: string[] = [];
    for (; j < lines.length && !/^\s{2}\d+\) /.test(lines[j]!); j++) block.push(lines[j]!);
    const message = block.find((l) => l.trim() !== "") ?? "";
    failures.push({ name: name.join(" ").replace(/:$/, ""), message: clip(message), ...findLocation(block.filter((l) => /^\s+at /.test(l))) });
  }
  return {
    runner: "mocha",
    passed: Number(passing[1]),
    failed: failing ? Number(failing[1]) : 0,
    skipped: pending ? Number(pending[1]) : 0,
    failures,
  };
}
