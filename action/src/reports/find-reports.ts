import path from "node:path";
import * as glob from "@actions/glob";

export interface FoundReports {
  files: string[];
  /** Globs that matched no file. */
  unmatched: string[];
}

/**
 * Expands each glob on its own, so a glob that matched nothing can be named. Relative globs are
 * relative to the workspace; `!` globs exclude from every other glob.
 */
export async function findReports(patterns: readonly string[], workspace: string): Promise<FoundReports> {
  const anchored = patterns.map((pattern) => anchor(pattern, workspace));
  const exclusions = anchored.filter((pattern) => pattern.startsWith("!"));
  const files = new Set<string>();
  const unmatched: string[] = [];
  for (const [index, pattern] of anchored.entries()) {
    if (pattern.startsWith("!")) continue;
    const globber = await glob.create([pattern, ...exclusions].join("\n"), {
      matchDirectories: false,
      implicitDescendants: false,
    });
    const matched = await globber.glob();
    if (matched.length === 0) unmatched.push(patterns[index] ?? pattern);
    for (const file of matched) files.add(file);
  }
  return { files: [...files].sort(), unmatched };
}

function anchor(pattern: string, workspace: string): string {
  const negated = pattern.startsWith("!");
  const body = negated ? pattern.slice(1) : pattern;
  const absolute = path.isAbsolute(body) ? body : path.join(workspace, body);
  return negated ? `!${absolute}` : absolute;
}
