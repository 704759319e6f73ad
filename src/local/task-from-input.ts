import { parseIssue } from "../archon/parse-issue.js";
import type { TaskSpec } from "../domain/task-spec.js";

export type TaskInputResult = { ok: true; spec: TaskSpec } | { ok: false; problem: string };

const TITLE_MAX = 256;

/**
 * A TaskSpec from the command line: the task text, and/or a markdown file in the shape of the
 * "Archon task" issue form (its first `# heading` is the title when no text is given). Goes
 * through the issue parser, so hidden text is stripped exactly as for an issue.
 */
export function taskFromInput(text: string | undefined, specMarkdown: string | undefined): TaskInputResult {
  const given = text?.trim() ?? "";
  let title = given;
  let body = specMarkdown ?? "";
  if (specMarkdown !== undefined && title === "") {
    const heading = /^\s*#\s+(.+)\s*$/m.exec(specMarkdown);
    if (!heading || !/^\s*#\s/.test(specMarkdown.trimStart().split("\n")[0] ?? "")) {
      return { ok: false, problem: "The spec file needs a title: start it with a `# Title` line, or give the task text too." };
    }
    title = heading[1]!.trim();
    body = specMarkdown.trimStart().split("\n").slice(1).join("\n");
  }
  if (title === "") return { ok: false, problem: 'Say what to build, e.g. archon run --repo . "Add GET /todos/:id returning the todo or 404".' };
  // A long task text keeps its first line as the title and the whole text as the description.
  const firstLine = title.split("\n")[0]!.trim();
  if (specMarkdown === undefined && (title.includes("\n") || title.length > TITLE_MAX)) body = title;
  const spec = parseIssue({ title: firstLine.slice(0, TITLE_MAX), body });
  return { ok: true, spec };
}
