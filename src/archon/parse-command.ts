import { maskQuotedText } from "./mask-markdown.js";
import { type ParsedComment, isCommandName } from "./slash-command.js";
import { stripHidden } from "./strip-hidden.js";

const COMMAND_LINE = /^\s*\/archon(?=\s|$)(.*)$/i;
// Enough for any real request; a pasted log goes to the agent as context, not as the request.
const MAX_FIX_TEXT = 4_000;

/**
 * Finds the `/archon` command in a comment. Only a line that starts with `/archon` counts; text in
 * fenced code, inline code and `>` quotes is ignored (quoting someone's command must not re-run it),
 * as is hidden text. When a comment holds several commands, only the first one counts: a comment
 * is one request, and running `approve` then `cancel` from one comment would surprise everyone.
 * Never throws.
 */
export function parseCommand(body: string): ParsedComment {
  const text = stripHidden(body).replace(/\r\n?/g, "\n");
  const original = text.split("\n");
  const masked = maskQuotedText(text);
  const index = masked.findIndex((line) => COMMAND_LINE.test(line));
  if (index === -1) return { kind: "none" };

  const line = original[index] ?? "";
  const rest = (COMMAND_LINE.exec(line)?.[1] ?? "").trim();
  const [word = "help", ...words] = rest.split(/\s+/).filter((w) => w !== "");
  const name = word.toLowerCase();
  if (!isCommandName(name)) return { kind: "unknown", text: line.trim() };

  if (name === "fix") {
    const what = fixText(rest.slice(word.length), original.slice(index + 1), masked.slice(index + 1));
    return what === "" ? { kind: "unknown", text: line.trim() } : { kind: "command", name, args: [what] };
  }
  if (name === "retry") {
    // `/archon retry step 2` reads as naturally as `/archon retry 2`.
    const step = words[0]?.toLowerCase() === "step" ? words[1] : words[0];
    return { kind: "command", name, args: step === undefined ? [] : [step.toLowerCase()] };
  }
  return { kind: "command", name, args: [] };
}

/** The rest of the command line plus the lines after it, up to a blank line or another command. */
function fixText(firstLine: string, following: string[], followingMasked: string[]): string {
  const lines = [firstLine.trim()];
  for (const [i, line] of following.entries()) {
    if (line.trim() === "" || COMMAND_LINE.test(followingMasked[i] ?? "")) break;
    lines.push(line);
  }
  return lines.join("\n").trim().slice(0, MAX_FIX_TEXT);
}
