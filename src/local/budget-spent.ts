import { formatUsd } from "../llm/openai/budget.js";

/**
 * Why a stopped run stopped, when it is the budget: the provider refuses a call once the task's
 * spending reaches `budgetUsd`, so a stop at or past it is the budget's doing. Undefined otherwise.
 */
export function budgetSpentMessage(budgetUsd: number | undefined, spentUsd: number, reason: string): string | undefined {
  if (budgetUsd === undefined || spentUsd < budgetUsd) return undefined;
  return `The task's budget of ${formatUsd(budgetUsd)} is spent (${formatUsd(spentUsd)} so far), so Archon stopped: ${reason}. Raise budgetUsd in .github/archon.yml, then run again.`;
}
