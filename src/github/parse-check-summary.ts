import type { TestFailure } from "../domain/agent.js";

// The companion Action's summary: "### Failures", then per failure "#### <name>", a line
// "failure at `path:line`" (or "location unknown"), and a fenced block with the message.
const FAILURES_HEADING = /^###\s+Failures\s*$/m;
const WHERE = /^(?:failure|error) at (?:\[)?`([^`\n]+?):(\d+)`/;
const FENCE = /^(`{3,})[^\n]*\n([\s\S]*?)\n\1\s*$/m;
// A long stack trace helps little and crowds the model's context.
const MESSAGE_LIMIT = 2_000;

/** Undoes the Action's escaping of names written into markdown. */
function unescapeInline(text: string): string {
  return text.replace(/\\([\\`*_[\]|#])/g, "$1").replaceAll("&lt;", "<").replaceAll("&gt;", ">");
}

function truncate(text: string): string {
  return text.length <= MESSAGE_LIMIT ? text : `${text.slice(0, MESSAGE_LIMIT - 1)}…`;
}

/** Failures listed in a check run summary written by the companion Action; [] for any other text. */
export function parseSummaryFailures(summary: string): TestFailure[] {
  const start = summary.search(FAILURES_HEADING);
  if (start < 0) return [];
  const section = summary.slice(start).replace(FAILURES_HEADING, "");
  const blocks = section.split(/^####\s+/m).slice(1);
  return blocks.map((block) => {
    const [heading = "", ...rest] = block.split("\n");
    const body = rest.join("\n");
    const where = WHERE.exec(rest[0] ?? "");
    const fenced = FENCE.exec(body);
    const failure: TestFailure = { name: unescapeInline(heading.trim()), message: truncate(fenced?.[2]?.trim() ?? "") };
    if (where) {
      failure.file = where[1];
      failure.line = Number(where[2]);
    }
    return failure;
  });
}
