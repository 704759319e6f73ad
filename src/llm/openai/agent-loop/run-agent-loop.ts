import type { AgentReport, AgentResult, Usage } from "../../../domain/agent.js";
import { redactSecrets } from "../../sanitize.js";
import { formatUsd } from "../budget.js";
import type { ChatCallResult } from "../chat-client.js";
import type { ChatCompletion, ToolCall } from "../schema.js";
import { type Summaries, compactConversation } from "./compact.js";
import { addCompletionUsage, estimateTokens, worstCaseCost } from "./loop-budget.js";
import { NUDGE } from "./loop-prompt.js";
import { DEFAULT_LOOP_LIMITS, type LoopLimits, type LoopMessage, type LoopOptions, type LoopResult, type ToolDefinition } from "./loop-types.js";
import { type ToolContext, runToolCall, toolDefinitions } from "./tool-table.js";
import type { FinishArgs } from "./tool-args.js";
import { cleanOutput } from "./tool-output.js";

/** One run of the loop: its settings, conversation and what it has used so far. */
interface Run {
  options: LoopOptions;
  limits: LoopLimits;
  tools: ToolDefinition[];
  messages: LoopMessage[];
  summaries: Summaries;
  usage: Usage;
  turns: number;
  started: number;
  now: () => number;
  /** Names the endpoint gave the model, for its price. */
  served: string | undefined;
}

function failed(run: Run, code: string, message: string): AgentResult {
  return { outcome: "failed", error: `${redactSecrets(message, run.options.secrets)} (${code})`, usage: { ...run.usage } };
}

// A 400 that names tools or function calling: the model or server does not do them.
const TOOLS_REJECTED = /\btools?\b|tool_choice|function[ _-]?call/i;

/** Why the run must stop before its next call, if it must. */
function stopBeforeCall(run: Run): AgentResult | undefined {
  const { limits, usage, options } = run;
  if (options.signal?.aborted) return failed(run, "interrupted", "the run was stopped");
  if (run.turns >= limits.maxTurns) return failed(run, "turn_limit", `the model did not call finish within ${limits.maxTurns} turns; no changes were kept`);
  if (usage.tokensIn + usage.tokensOut >= limits.maxTokens) {
    return failed(run, "token_limit", `the step used ${usage.tokensIn + usage.tokensOut} tokens, over its limit of ${limits.maxTokens}; no changes were kept`);
  }
  if (run.now() - run.started >= limits.wallTimeMs) {
    return failed(run, "time_limit", `the step ran past its time limit of ${Math.round(limits.wallTimeMs / 1000)} s; no changes were kept`);
  }
  if (options.remaining === undefined) return undefined;
  const input = estimateTokens(run.messages, run.tools);
  const next = worstCaseCost([options.model, run.served], input, limits.maxOutputTokens, options.pricing);
  const left = options.remaining - usage.costUsd;
  if (usage.costUsd + next > options.remaining) {
    return failed(run, "budget_spent", `the task's budget is spent: the next model call could cost up to ${formatUsd(next)} and ${formatUsd(Math.max(0, left))} is left; no call was made past it`);
  }
  return undefined;
}

/** The model's answer to the first turn when it was no tool call: it cannot (or will not) use tools. */
function noToolsAnswer(run: Run, call: ChatCallResult): LoopResult | undefined {
  if (call.ok || run.turns > 0) return undefined;
  if (call.code === "client_error" && call.status === 400 && TOOLS_REJECTED.test(call.message)) {
    return { outcome: "tools_unsupported", reason: `${run.options.model} cannot call tools: ${redactSecrets(call.message, run.options.secrets)}`, usage: { ...run.usage } };
  }
  return undefined;
}

function reportOf(args: FinishArgs): AgentReport {
  const documents = args.documents?.map((d) => ({ kind: d.kind, title: d.title, body: d.body, ...(d.path ? { path: d.path } : {}) }));
  return {
    summary: args.summary,
    details: args.details ?? [],
    ...(documents && documents.length > 0 ? { documents } : {}),
    ...(args.testsAdded && args.testsAdded.length > 0 ? { testsAdded: args.testsAdded } : {}),
  };
}

/** Runs the tool calls of one answer in order; the finish call's arguments when one was made. */
async function runTools(run: Run, calls: ToolCall[]): Promise<FinishArgs | undefined> {
  const ctx: ToolContext = { workspace: run.options.workspace, limits: run.limits, signal: run.options.signal };
  let finish: FinishArgs | undefined;
  for (const call of calls) {
    const output = cleanOutput(await runToolCall(call, ctx), run.options.secrets, run.limits.toolOutputChars);
    run.summaries.set(call.id, output.summary);
    run.messages.push({ role: "tool", tool_call_id: call.id, content: output.content });
    finish ??= output.finish;
  }
  return finish;
}

/** Takes one completion into the conversation; the step's end when it ends the step. */
async function takeTurn(run: Run, completion: ChatCompletion): Promise<LoopResult | undefined> {
  const message = completion.choices[0]?.message;
  if (message?.refusal) return failed(run, "refused", `the model declined the task: ${message.refusal.trim()}`);
  const calls = message?.tool_calls ?? [];
  if (calls.length === 0) {
    if (run.turns === 1) {
      return { outcome: "tools_unsupported", reason: `${run.options.model} answered without calling a tool`, usage: { ...run.usage }, content: message?.content ?? undefined };
    }
    run.messages.push({ role: "assistant", content: message?.content ?? "" }, NUDGE);
    return undefined;
  }
  run.messages.push({ role: "assistant", content: message?.content ?? null, tool_calls: calls });
  const finish = await runTools(run, calls);
  if (!finish) return undefined;
  const changes = await run.options.workspace.changes();
  return { outcome: "succeeded", changes, report: reportOf(finish), usage: { ...run.usage } };
}

/**
 * An agent's step as a conversation with tools: the model reads, writes and runs the tests in
 * the workspace until it calls finish, within the turn, token, time and budget limits. The
 * result is the workspace's changes at finish.
 */
export async function runAgentLoop(options: LoopOptions): Promise<LoopResult> {
  const now = options.now ?? Date.now;
  const run: Run = {
    options, limits: { ...DEFAULT_LOOP_LIMITS, ...options.limits }, tools: toolDefinitions(), messages: [...options.messages],
    summaries: new Map(), usage: { tokensIn: 0, tokensOut: 0, costUsd: 0 }, turns: 0, started: now(), now, served: undefined,
  };
  const maxChars = run.limits.contextTokens * 4 * run.limits.compactShare;
  for (;;) {
    const stop = stopBeforeCall(run);
    if (stop) return stop;
    run.messages = compactConversation(run.messages, run.summaries, maxChars, run.limits.keepRecentOutputs);
    const call = await options.call(run.messages, run.tools, run.limits.maxOutputTokens);
    const unsupported = noToolsAnswer(run, call);
    if (unsupported) return unsupported;
    if (!call.ok) return failed(run, call.code, `the model endpoint failed: ${call.message}`);
    run.turns += 1;
    run.served = call.completion.model ?? run.served;
    addCompletionUsage(run.usage, [options.model], call.completion, options.pricing);
    const end = await takeTurn(run, call.completion);
    if (end) return end;
  }
}
