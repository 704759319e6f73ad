import type { TestFailure } from "../../domain/agent.js";
import type { ParsedTestOutput } from "../test-run.js";
import { clip, findLocation } from "./text.js";

function count(output: string, word: string): number | undefined {
  const m = new RegExp(`^[#ℹ] ${word} (\\d+)\\s*$`, "m").exec(output);
  return m ? Number(m[1]) : undefined;
}

/** TAP (node --test when not on a terminal, Node 20): "not ok 2 - name" then a YAML block. */
function tapFailures(lines: string[]): TestFailure[] {
  const failures: TestFailure[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = /^(\s*)not ok \d+ - (.+?)(?:\s+#.*)?$/.exec(lines[i]!);
    if (!header) continue;
    const indent = header[1]!.length;
    const block: string[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j]!;
      if (l.trim() === "..." && l.length - l.trimStart().length === indent + 2) break;
      block.push(l);
    }
    const text = block.join("\n");
    // A suite fails because a test inside it failed; that test is reported on its own.
    if (/failureType: 'subtestsFailed'/.test(text)) continue;
    const location = /location: '(.+):(\d+):\d+'/.exec(text);
    const inline = /^\s*error: '(.*)'\s*$/m.exec(text);
    let message = inline?.[1] ?? "";
    if (!inline) {
      const start = block.findIndex((l) => /^\s*error: \|-?\s*$/.test(l));
      if (start >= 0) {
        const errorIndent = block[start]!.length - block[start]!.trimStart().length;
        const body: string[] = [];
        for (const l of block.slice(start + 1)) {
          if (l.trim() !== "" && l.length - l.trimStart().length <= errorIndent) break;
          body.push(l.trim());
        }
        message = body.filter((l) => l !== "").join("\n");
      }
    }
    failures.push({ name: header[2]!, message: clip(message), ...(location ? { file: location[1]!, line: Number(location[2]) } : {}) });
  }
  return failures;
}

/** The spec reporter's "✖ failing tests:" section (Node 22+ everywhere, Node 20 on a terminal). */
function specFailures(lines: string[]): TestFailure[] {
  const start = lines.findIndex((l) => /^✖ failing tests:/.test(l));
  if (start < 0) return [];
  const failures: TestFailure[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const header = /^(\s*)✖ (.+?)(?: \([\d.]+m?s\))?$/.exec(lines[i]!);
    if (!header) continue;
    const where = /^\s*test at (.+):(\d+):\d+/.exec(lines[i - 1] ?? "");
    const block: string[] = [];
    for (let j = i + 1; j < lines.length && !/^\s*(✖|test at )/.test(lines[j]!); j++) block.push(lines[j]!);
    const message = block.find((l) => l.trim() !== "") ?? "";
    const location = where ? { file: where[1]!, line: Number(where[2]) } : findLocation(block);
    failures.push({ name: header[2]!, message: clip(message), ...location });
  }
  return failures;
}

/** node:test summaries: "# tests 3 / # pass 1 / # fail 1" (TAP) or "ℹ tests 3" (spec). */
export function parseNodeTest(output: string): ParsedTestOutput | undefined {
  const tests = count(output, "tests");
  if (tests === undefined) return undefined;
  const lines = output.split("\n");
  const tap = tapFailures(lines);
  return {
    runner: "node:test",
    passed: count(output, "pass") ?? 0,
    failed: (count(output, "fail") ?? 0) + (count(output, "cancelled") ?? 0),
    skipped: (count(output, "skipped") ?? 0) + (count(output, "todo") ?? 0),
    failures: tap.length > 0 ? tap : specFailures(lines),
  };
}
