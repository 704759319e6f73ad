import type { ConfigProblem } from "../domain/config-problem.js";

const FILE = ".github/archon.yml";

/** Markdown for the status comment when the repository's config is invalid: each problem with its path. */
export function renderConfigProblems(problems: readonly ConfigProblem[]): string {
  const count = problems.length === 1 ? "a problem" : `${problems.length} problems`;
  const lines = problems.map(
    (p) => `- ${p.path === "" ? "the file" : `\`${p.path.replace(/`/g, "'")}\``}: ${oneLine(p.message)}`,
  );
  return [
    `**\`${FILE}\` has ${count}**, so Archon is waiting until it is fixed:`,
    "",
    ...lines,
    "",
    `Fix the file on the default branch, then comment \`/archon plan\`.`,
  ].join("\n");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
