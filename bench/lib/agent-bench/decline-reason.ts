/** What `archon run` printed about a task it made no branch for, cut to one or two sentences. */

// run.sh stops Archon with `timeout 1800`, which exits 124.
const TIMEOUT_EXIT = 124;
// One sentence usually says why; a short one gets the next as well (Archon's summaries follow the
// reason with general advice, the same for every decline).
const ALONE_CHARS = 80;
const MAX_CHARS = 400;

// The closing summary's first line: "[!!] Task 3: failed" (or ✖ on a terminal).
const SUMMARY_HEADER = /^\S*\s*Task \d+: [a-z_]+\s*$/;
// A sentence ends at . ! or ? before a capital, a backtick or a parenthesis; "e.g." is no end.
const SENTENCE_END = /(?<=[.!?])(?<!\b(?:e\.g|i\.e|etc|vs)\.)\s+(?=[A-Z`"(])/;

function stripColour(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

/** The message under the summary header: its indented lines up to the first blank line. */
function summaryMessage(lines: string[]): string | undefined {
  const header = lines.findIndex((l) => SUMMARY_HEADER.test(l));
  if (header < 0) return undefined;
  const message: string[] = [];
  for (const line of lines.slice(header + 1)) {
    if (line.trim() === "") break;
    message.push(line.trim());
  }
  return message.length > 0 ? message.join(" ") : undefined;
}

/** Without a summary (a refused argument, a crash): the error line, else the last line printed. */
function lastWords(lines: string[]): string | undefined {
  const error = lines.find((l) => /^\s*(?:[A-Za-z]*Error|Error)(?: \[[A-Z_]+\])?: \S/.test(l));
  if (error) return error.trim();
  return lines
    .map((l) => l.trim())
    .filter((l) => l !== "" && !/^at\s/.test(l) && !/^Node\.js v\d/.test(l))
    .at(-1);
}

/** The first sentence of `text`, with the second when the first is short. */
export function firstSentences(text: string): string {
  const sentences = text.split(SENTENCE_END);
  const kept = sentences.slice(0, sentences[0]!.length < ALONE_CHARS ? 2 : 1).join(" ");
  return kept.length > MAX_CHARS ? `${kept.slice(0, MAX_CHARS - 1).trimEnd()}…` : kept;
}

/** Why Archon declined, in its own words; `exitCode` is its exit code as run.sh recorded it. */
export function declineReason(log: string, exitCode: number | null): string {
  const lines = stripColour(log).split("\n");
  const said = summaryMessage(lines);
  if (said) return firstSentences(said);
  if (exitCode === TIMEOUT_EXIT) return "stopped by run.sh's 30-minute limit before it reported (exit 124)";
  const last = lastWords(lines);
  return last ? firstSentences(last) : `no output (exit ${exitCode ?? "none"})`;
}
