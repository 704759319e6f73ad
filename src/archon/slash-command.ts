/** Every `/archon` command a person can type in an issue or pull request comment. */
export const COMMAND_NAMES = ["help", "plan", "approve", "run", "retry", "cancel", "status", "fix"] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/**
 * A recognised command. `args` is empty except for `retry` (optionally the step: a number or an
 * agent word such as `tests`) and `fix` (exactly one item: what to fix, possibly several lines).
 */
export interface SlashCommand {
  kind: "command";
  name: CommandName;
  args: string[];
}

export type ParsedComment =
  | SlashCommand
  | { kind: "none" }
  /** A line starting with `/archon` that is not a command we know, or lacks what it needs. */
  | { kind: "unknown"; text: string };

export function isCommandName(word: string): word is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(word);
}
