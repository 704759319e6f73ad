import type { LoopMessage } from "./loop-types.js";

/** The one-line stand-in of each tool output, by tool call id. */
export type Summaries = Map<string, string>;

function size(messages: readonly LoopMessage[]): number {
  return messages.reduce((n, m) => n + (m.content?.length ?? 0) + ("tool_calls" in m ? JSON.stringify(m.tool_calls ?? []).length : 0), 0);
}

/**
 * The conversation to send: as it is while it fits `maxChars`, else with every tool output but the
 * `keep` most recent replaced by its one-line summary. The model can read a file again if it must.
 */
export function compactConversation(messages: LoopMessage[], summaries: Summaries, maxChars: number, keep: number): LoopMessage[] {
  if (size(messages) <= maxChars) return messages;
  const toolIndexes = messages.flatMap((m, i) => (m.role === "tool" ? [i] : []));
  const older = new Set(toolIndexes.slice(0, Math.max(0, toolIndexes.length - keep)));
  return messages.map((m, i) => {
    if (m.role !== "tool" || !older.has(i)) return m;
    const summary = summaries.get(m.tool_call_id) ?? "output";
    return { ...m, content: `[earlier output replaced to save context: ${summary}]` };
  });
}
