import type { CostEstimate, EstimateBasis, TokenRange } from "../domain/cost-estimate.js";

/** Cents, or four decimals below a cent, so a cheap model's estimate does not read as $0.00. */
function usd(amount: number): string {
  return `$${amount.toFixed(amount !== 0 && Math.abs(amount) < 0.01 ? 4 : 2)}`;
}

function thousands(range: TokenRange): string {
  const k = (n: number) => (n >= 1_000 ? `${Math.round(n / 100) / 10}k` : String(n));
  return range.low === range.high ? k(range.low) : `${k(range.low)}–${k(range.high)}`;
}

function whence(basis: Exclude<EstimateBasis, { kind: "free" | "no_price" }>): string {
  if (basis.kind === "earlier_tasks")
    return `from ${basis.tasks} earlier task${basis.tasks === 1 ? "" : "s"} of this repository`;
  const steps = `${basis.steps} step${basis.steps === 1 ? "" : "s"}`;
  return `from the price table, assuming ${thousands(basis.tokensIn)} tokens in and ${thousands(basis.tokensOut)} out for each of ${steps}; fix rounds cost more`;
}

/**
 * One line on who does the thinking and what it may cost, shown with a plan before it is
 * approved (the status comment, `archon run`), e.g. "Provider openai · model gpt-4o-mini · budget
 * $2.00 · estimated $0.04–$0.11 (from 6 earlier tasks of this repository)". Plain text: the
 * caller makes it safe for markdown.
 */
export function estimateLine(estimate: CostEstimate): string {
  if (estimate.basis.kind === "free") return `Provider ${estimate.provider} · free (no model)`;
  const model = estimate.model === null ? "no model set" : `model ${estimate.model}`;
  const budget = estimate.budgetUsd === null ? "no budget" : `budget ${usd(estimate.budgetUsd)}`;
  const head = `Provider ${estimate.provider} · ${model} · ${budget}`;
  if (estimate.basis.kind === "no_price") {
    const which = estimate.model ?? "the model";
    return `${head} · no estimate (${which} is in no price table, so its calls count as free)`;
  }
  const { lowUsd, highUsd } = estimate;
  const range = usd(lowUsd) === usd(highUsd) ? usd(lowUsd) : `${usd(lowUsd)}–${usd(highUsd)}`;
  const over = estimate.budgetUsd !== null && highUsd > estimate.budgetUsd ? " · may run over the budget" : "";
  return `${head} · estimated ${range} (${whence(estimate.basis)})${over}`;
}
