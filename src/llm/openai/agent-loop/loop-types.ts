import type { AgentResult, Usage } from "../../../domain/agent.js";
import type { Workspace } from "../../../domain/workspace.js";
import type { ChatCallResult } from "../chat-client.js";
import type { PriceTable, ToolCall } from "../schema.js";

/** A message of a tool-using conversation, in the chat completions shape. */
export type LoopMessage =
  | { role: "system" | "user"; content: string }
  | { role: "assistant"; content: string | null; tool_calls?: ToolCall[] | undefined }
  | { role: "tool"; tool_call_id: string; content: string };

/** A tool as the chat completions API takes it. */
export interface ToolDefinition {
  type: "function";
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export interface LoopLimits {
  /** Model calls in one run. */
  maxTurns: number;
  /** Input and output tokens of one run together. */
  maxTokens: number;
  /** Wall time of one run. */
  wallTimeMs: number;
  /** The most output tokens one call may ask for; also what a call is priced at before it is made. */
  maxOutputTokens: number;
  /** Characters of one tool output; the rest is cut with a note. */
  toolOutputChars: number;
  /** The model's context window in tokens. */
  contextTokens: number;
  /** Past this share of the context, earlier tool outputs are replaced by one line each. */
  compactShare: number;
  /** Tool outputs kept whole however long the conversation grows. */
  keepRecentOutputs: number;
  /** Lines `search` returns. */
  searchResults: number;
  testTimeoutMs: number;
  commandTimeoutMs: number;
}

export const DEFAULT_LOOP_LIMITS: LoopLimits = {
  maxTurns: 40,
  maxTokens: 2_000_000,
  wallTimeMs: 30 * 60_000,
  maxOutputTokens: 8_192,
  toolOutputChars: 16_000,
  contextTokens: 128_000,
  compactShare: 0.6,
  keepRecentOutputs: 4,
  searchResults: 100,
  testTimeoutMs: 10 * 60_000,
  commandTimeoutMs: 5 * 60_000,
};

/** One call to the model with the conversation and the tools, asking for at most `maxOutputTokens`. */
export type LoopCall = (messages: LoopMessage[], tools: ToolDefinition[], maxOutputTokens: number) => Promise<ChatCallResult>;

export interface LoopOptions {
  workspace: Workspace;
  /** The first messages: the role's rules, then the step and the task. */
  messages: LoopMessage[];
  call: LoopCall;
  /** The configured model (deployment) name, for prices and messages. */
  model: string;
  pricing?: PriceTable | undefined;
  /** USD left for the task when the run starts; undefined means no limit. */
  remaining: number | undefined;
  /** Values never to show the model or put in an error (the API key). */
  secrets: readonly string[];
  limits?: Partial<LoopLimits> | undefined;
  now?: (() => number) | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * The loop's end: an agent result, or the model cannot call tools and the caller answers in one
 * go instead. `content` is what the model said instead of calling a tool, for the caller to try.
 */
export type LoopResult = AgentResult | { outcome: "tools_unsupported"; reason: string; usage: Usage; content?: string | undefined };
