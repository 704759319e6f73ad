import type { Usage } from "../../../domain/agent.js";
import { costOf } from "../pricing.js";
import type { ChatCompletion, PriceTable } from "../schema.js";
import type { LoopMessage, ToolDefinition } from "./loop-types.js";

// About four characters a token for English and code; the estimate only has to be in the right range.
const CHARS_PER_TOKEN = 4;

/** Tokens a conversation is likely to take as input. */
export function estimateTokens(messages: readonly LoopMessage[], tools: readonly ToolDefinition[]): number {
  return Math.ceil((JSON.stringify(messages).length + JSON.stringify(tools).length) / CHARS_PER_TOKEN);
}

/** The most the next call can cost: its input as estimated and every output token it may ask for. */
export function worstCaseCost(models: readonly (string | undefined)[], inputTokens: number, maxOutputTokens: number, pricing?: PriceTable): number {
  return costOf(models, inputTokens, maxOutputTokens, pricing);
}

/** Adds one completion's tokens and cost to the run's usage; returns the call's cost. */
export function addCompletionUsage(usage: Usage, models: readonly (string | undefined)[], completion: ChatCompletion, pricing?: PriceTable): number {
  const tokensIn = completion.usage?.prompt_tokens ?? 0;
  const tokensOut = completion.usage?.completion_tokens ?? 0;
  const cost = costOf([...models, completion.model], tokensIn, tokensOut, pricing);
  usage.tokensIn += tokensIn;
  usage.tokensOut += tokensOut;
  usage.costUsd += cost;
  return cost;
}
