import type { CostEstimate, TokenRange } from "../domain/cost-estimate.js";
import { priceOf } from "./openai/pricing.js";
import type { PriceTable } from "./openai/schema.js";

/**
 * Tokens one step of the openai provider is assumed to take when no earlier task of the repository
 * says. A prompt holds the repository map (up to 12,000 characters) and the step's files (up to
 * 120,000), at about four characters a token: about 5k tokens in for a small repository, 40k when
 * the files fill the prompt and the model asks for more once. A reply is the changed files and a
 * report: 1k to 6k tokens out.
 */
export const TOKENS_PER_STEP: { tokensIn: TokenRange; tokensOut: TokenRange } = {
  tokensIn: { low: 5_000, high: 40_000 },
  tokensOut: { low: 1_000, high: 6_000 },
};

/** Earlier tasks an estimate reads at most: the recent ones, as the repository and its tasks change. */
export const EARLIER_TASKS = 20;

export interface EstimateInput {
  provider: "template" | "openai";
  model: string | null | undefined;
  budgetUsd: number | null | undefined;
  /** Steps in the plan, for the price-table estimate. */
  steps: number;
  /** Total cost in USD of each earlier task of the repository with this provider and model. */
  earlierCosts: readonly number[];
  /** Prices that win over the built-in table. */
  prices?: PriceTable | undefined;
}

/**
 * The 10th and 90th percentiles (nearest rank) of per-task totals: with fewer than ten tasks that
 * is the cheapest and the dearest; from ten on, one task in ten at either end is set aside as an
 * outlier (a run that died at once, a task that took every fix attempt).
 */
export function costRange(costs: readonly number[]): { low: number; high: number } {
  const sorted = [...costs].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0;
  return { low: at(0.1), high: at(0.9) };
}

/**
 * What a task is expected to cost before it runs: free with the template provider; else the range
 * of what earlier tasks of the repository cost with the same provider and model (see costRange);
 * else the model's price × TOKENS_PER_STEP × the plan's steps (fix rounds come on top); nothing
 * when the model has no price (its calls are counted as free, so the budget never stops it).
 */
export function estimateCost(input: EstimateInput): CostEstimate {
  const base = { provider: input.provider, model: input.model ?? null, budgetUsd: input.budgetUsd ?? null };
  if (input.provider === "template") return { ...base, lowUsd: 0, highUsd: 0, basis: { kind: "free" } };
  if (input.earlierCosts.length > 0) {
    const { low, high } = costRange(input.earlierCosts);
    return { ...base, lowUsd: low, highUsd: high, basis: { kind: "earlier_tasks", tasks: input.earlierCosts.length } };
  }
  const price = priceOf([input.model ?? undefined], input.prices);
  if (!price) return { ...base, lowUsd: 0, highUsd: 0, basis: { kind: "no_price" } };
  const { tokensIn, tokensOut } = TOKENS_PER_STEP;
  const cost = (inTokens: number, outTokens: number) =>
    (input.steps * (inTokens * price.inputPerMillion + outTokens * price.outputPerMillion)) / 1_000_000;
  return {
    ...base,
    lowUsd: cost(tokensIn.low, tokensOut.low),
    highUsd: cost(tokensIn.high, tokensOut.high),
    basis: { kind: "price_table", steps: input.steps, tokensIn: { ...tokensIn }, tokensOut: { ...tokensOut } },
  };
}
