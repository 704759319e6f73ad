/** Tokens a step is assumed to take, low and high, when no earlier task of the repository says. */
export interface TokenRange {
  low: number;
  high: number;
}

/** Where an estimate's range comes from. */
export type EstimateBasis =
  /** The template provider: no model, nothing to pay. */
  | { kind: "free" }
  /** Per-task totals of this many earlier tasks of the repository, same provider and model. */
  | { kind: "earlier_tasks"; tasks: number }
  /** The model's list price × assumed tokens per step × the plan's steps. */
  | { kind: "price_table"; steps: number; tokensIn: TokenRange; tokensOut: TokenRange }
  /** The model is in no price table, so its calls are counted as free (a local server, say). */
  | { kind: "no_price" };

/**
 * What a task is expected to cost, shown with its plan before anyone approves it: who does the
 * thinking, the budget that stops it, and a range in US dollars.
 */
export interface CostEstimate {
  provider: "template" | "openai";
  model: string | null;
  /** The task's spending limit; null when it has none. */
  budgetUsd: number | null;
  lowUsd: number;
  highUsd: number;
  basis: EstimateBasis;
}
