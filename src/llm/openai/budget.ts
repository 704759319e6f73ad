/**
 * The task's remaining budget in USD. A number is what was left when the provider was created, and
 * the provider subtracts its own spending across runs; a function is asked at the start of every
 * run (the caller keeps the ledger, e.g. the task's `budget_usd - spent_usd`). Undefined: no limit.
 */
export type BudgetSource = number | (() => number | undefined | Promise<number | undefined>);

export async function remainingAtStart(source: BudgetSource | undefined, spentByProvider: number): Promise<number | undefined> {
  if (source === undefined) return undefined;
  if (typeof source === "number") return source - spentByProvider;
  return source();
}

/** Spent means nothing is left to start another call with. */
export function isSpent(remaining: number | undefined, spentInRun: number): boolean {
  return remaining !== undefined && spentInRun >= remaining;
}

export function formatUsd(amount: number): string {
  return `$${amount.toFixed(amount !== 0 && Math.abs(amount) < 0.01 ? 4 : 2)}`;
}
