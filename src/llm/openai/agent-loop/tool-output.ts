import { redactSecrets, stripInvisibleCharacters } from "../../sanitize.js";
import type { FinishArgs } from "./tool-args.js";

/** What a tool gives back: text for the model, and one line to stand in for it once the conversation is long. */
export interface ToolOutput {
  content: string;
  summary: string;
  /** Set by `finish`: the step is done. */
  finish?: FinishArgs | undefined;
}

/** A tool's refusal or failure, said to the model so it can correct itself. */
export function toolError(tool: string, message: string): ToolOutput {
  return { content: `error: ${message}`, summary: `${tool}: error: ${message.slice(0, 120)}` };
}

/** Cuts text past `limit` characters, keeping the start (or the end, for test output), with a note of what was left out. */
export function clipText(text: string, limit: number, keep: "start" | "end" = "start"): string {
  if (text.length <= limit) return text;
  const left = text.length - limit;
  return keep === "start"
    ? `${text.slice(0, limit)}\n[… ${left} more characters left out]`
    : `[… ${left} earlier characters left out]\n${text.slice(text.length - limit)}`;
}

/** Tool output as the model may see it: no invisible characters, no secrets, within the limit. */
export function cleanOutput(output: ToolOutput, secrets: readonly string[], limit: number): ToolOutput {
  const content = clipText(redactSecrets(stripInvisibleCharacters(output.content), secrets), limit);
  return { ...output, content, summary: redactSecrets(output.summary, secrets) };
}
