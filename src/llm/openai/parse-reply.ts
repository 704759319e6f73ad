import type { z } from "zod";
import { type ChatCompletion, ModelOutput } from "./schema.js";

export type ReplyFailureCode = "refused" | "truncated" | "empty" | "content_filter";

export type Reply =
  | { kind: "output"; output: ModelOutput; raw: string }
  /** Answered, but not with valid output: worth one repair round-trip. */
  | { kind: "invalid"; problems: string[]; raw: string }
  | { kind: "failed"; code: ReplyFailureCode; message: string };

// How models phrase a refusal when they answer in prose instead of the `refusal` field.
const REFUSAL_TEXT =
  /^\s*(?:I['’]m sorry|I am sorry|Sorry,|I apologi[sz]e|I can(?:not|['’]t) (?:help|assist|comply|do that|provide)|I['’]m (?:not able|unable) to|I am (?:not able|unable) to|I won['’]t)/i;

const MAX_PROBLEMS = 20;

/** Local models sometimes wrap JSON in a markdown fence even in JSON mode. */
function unfence(text: string): string {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/i.exec(text);
  return fenced?.[1] ?? text;
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines = issues.map((issue) => {
    const where = issue.path.length === 0 ? "(root)" : issue.path.map(String).join(".");
    return `${where}: ${issue.message}`;
  });
  return lines.length > MAX_PROBLEMS ? [...lines.slice(0, MAX_PROBLEMS), `… and ${lines.length - MAX_PROBLEMS} more`] : lines;
}

/** Turns one chat completion into agent output, a repairable problem, or a final failure. */
export function parseReply(completion: ChatCompletion): Reply {
  const choice = completion.choices[0];
  if (!choice) return { kind: "failed", code: "empty", message: "the model returned no choices" };
  const message = choice.message;
  if (message?.refusal) {
    return { kind: "failed", code: "refused", message: `the model declined the task: ${message.refusal.trim()}` };
  }
  if (choice.finish_reason === "length") {
    return {
      kind: "failed",
      code: "truncated",
      message: "the model's answer was cut off at its output token limit (finish_reason: length); no changes were kept",
    };
  }
  if (choice.finish_reason === "content_filter") {
    return { kind: "failed", code: "content_filter", message: "the endpoint's content filter stopped the answer" };
  }
  const content = message?.content ?? "";
  if (content.trim() === "") return { kind: "failed", code: "empty", message: "the model returned an empty answer" };
  let json: unknown;
  try {
    json = JSON.parse(unfence(content));
  } catch (error) {
    if (REFUSAL_TEXT.test(content)) {
      const text = content.trim().replace(/\s+/g, " ").slice(0, 300);
      return { kind: "failed", code: "refused", message: `the model declined the task: ${text}` };
    }
    return { kind: "invalid", problems: [`the answer is not valid JSON (${(error as Error).message})`], raw: content };
  }
  const parsed = ModelOutput.safeParse(json);
  if (!parsed.success) return { kind: "invalid", problems: describeIssues(parsed.error.issues), raw: content };
  return { kind: "output", output: parsed.data, raw: content };
}
