import type { ScriptedReply, ScriptedRequest } from "../../../test/support/scripted-model.js";
import type { Row } from "../result.js";

/** What one task in one mode measured. */
export interface AgentLoopRun {
  task: string;
  mode: "loop" | "single-shot";
  /** Requests the model answered. */
  turns: number;
  toolCalls: Record<string, number>;
  tokensIn: number;
  tokensOut: number;
  /** Archon's wall and CPU time for the whole `archon run`, the scripted model's answering taken out. */
  wallMs: number;
  cpuMs: number;
  /** Whether the model's last run_tests in each step passed: loop mode only. */
  testsBeforeCommit: "passed" | "failed" | "not run";
  status: string;
  outcome: string;
}

/** Tool calls of the model's answers, by tool name, names sorted. */
export function countToolCalls(replies: readonly ScriptedReply[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const reply of replies) {
    if (!("tools" in reply)) continue;
    for (const t of reply.tools) counts[t.name] = (counts[t.name] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** The run_tests results in a request's conversation, in order. */
function testResults(request: ScriptedRequest): string[] {
  const ids = new Set(request.messages.flatMap((m) => (m.tool_calls ?? []).filter((c) => c.function.name === "run_tests").map((c) => c.id)));
  return request.messages.filter((m) => m.role === "tool" && m.tool_call_id !== undefined && ids.has(m.tool_call_id)).map((m) => m.content ?? "");
}

/**
 * Whether the tests passed before the step's commit: the last run_tests result of each
 * conversation that ran them (a conversation's last request holds all of its results).
 */
export function testsBeforeCommit(conversations: readonly ScriptedRequest[]): AgentLoopRun["testsBeforeCommit"] {
  const lasts = conversations.map((r) => testResults(r).at(-1)).filter((r): r is string => r !== undefined);
  if (lasts.length === 0) return "not run";
  return lasts.every((r) => /^exit code 0\b/m.test(r)) ? "passed" : "failed";
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function describeToolCalls(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  return entries.length === 0 ? "none" : entries.map(([name, n]) => `${name} ${n}`).join(", ");
}

/** Two lines per task and mode: what the model did, then what Archon spent and how the task ended. */
export function agentLoopRows(runs: readonly AgentLoopRun[]): Row[] {
  return runs.flatMap((r) => [
    { metric: `${r.task}, ${r.mode}: turns, tool calls`, archon: `${r.turns} turns; ${describeToolCalls(r.toolCalls)}` },
    {
      metric: `${r.task}, ${r.mode}: tokens, time, end`,
      archon:
        `${r.tokensIn.toLocaleString("en-US")} in / ${r.tokensOut.toLocaleString("en-US")} out; wall ${seconds(r.wallMs)}, CPU ${seconds(r.cpuMs)}; ` +
        `${r.mode === "loop" ? `tests before commit ${r.testsBeforeCommit}; ` : ""}${r.status} (${r.outcome})`,
    },
  ]);
}

/** The last request of each conversation: requests come one step at a time, a step's first holds no answer yet. */
export function lastOfConversations(requests: readonly ScriptedRequest[]): ScriptedRequest[] {
  const lasts: ScriptedRequest[] = [];
  requests.forEach((request, i) => {
    const next = requests[i + 1];
    if (!next || !next.messages.some((m) => m.role === "assistant")) lasts.push(request);
  });
  return lasts;
}
