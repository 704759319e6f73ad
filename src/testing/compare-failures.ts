import type { TestFailure } from "../domain/agent.js";

function key(f: TestFailure): string {
  return `${f.file ?? ""}::${f.name}`;
}

/**
 * Splits a branch's failures into those the base commit had already (not the change's doing) and
 * new ones. Matched by test name and file, not line: the change may move a test down the file.
 */
export function splitFailures(
  branch: readonly TestFailure[],
  base: readonly TestFailure[],
): { preexisting: TestFailure[]; introduced: TestFailure[] } {
  const before = new Set(base.map(key));
  const names = new Set(base.map((f) => f.name));
  const preexisting: TestFailure[] = [];
  const introduced: TestFailure[] = [];
  for (const f of branch) {
    // Runners differ in whether they print the file; the name alone decides when one side lacks it.
    const known = before.has(key(f)) || (names.has(f.name) && (!f.file || base.some((b) => b.name === f.name && !b.file)));
    (known ? preexisting : introduced).push(f);
  }
  return { preexisting, introduced };
}
