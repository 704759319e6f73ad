// Test runners colour their output even when asked not to (vitest under CI, jest's code frames).
// eslint-disable-next-line no-control-regex -- colour codes start with the ESC control character
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/** Failure messages go into fix prompts and ci_results rows: a few lines are enough. */
export function clip(text: string, max = 500): string {
  const trimmed = text.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

/** "3 passed, 1 failed" → { passed: 3, failed: 1 }, for any "<n> <word>" list. */
export function countWords(text: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of text.matchAll(/(\d+)\s+([a-z]+)/gi)) counts[m[2]!.toLowerCase()] = Number(m[1]);
  return counts;
}

/** The first "file:line" of a stack or code frame that points into the repository, not into a dependency. */
export function findLocation(lines: readonly string[]): { file: string; line: number } | undefined {
  for (const line of lines) {
    const m = /(?:\(|at |❯ |^\s*)((?:\.{0,2}\/)?[\w@.\-/]+\.(?:[cm]?[jt]sx?|py)):(\d+)(?::\d+)?/.exec(line);
    if (m && !m[1]!.includes("node_modules") && !m[1]!.startsWith("node:")) return { file: m[1]!.replace(/^\.\//, ""), line: Number(m[2]) };
  }
  return undefined;
}
