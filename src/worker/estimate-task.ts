import { costsOfEarlierTasks } from "../db/agent-run.repository.js";
import type { Executor } from "../db/database.js";
import { getTask } from "../db/task.repository.js";
import type { CostEstimate } from "../domain/cost-estimate.js";
import type { PlanDraft } from "../domain/plan.js";
import { EARLIER_TASKS, estimateCost } from "../llm/estimate-cost.js";
import type { Provider } from "../llm/provider.js";

/**
 * What the task's plan is expected to cost with the provider that will run it, under the budget
 * on the task's row, from what earlier tasks of its repository cost (see estimateCost). Made with
 * every plan, so the status comment can show it before anyone approves.
 */
export async function estimateTask(
  ex: Executor,
  taskId: number | string,
  provider: Pick<Provider, "name" | "model">,
  plan: PlanDraft,
): Promise<CostEstimate | undefined> {
  const task = await getTask(ex, taskId);
  if (!task) return undefined;
  const model = provider.model ?? null;
  const earlier =
    provider.name === "template"
      ? []
      : await costsOfEarlierTasks(ex, { repositoryId: task.repository_id, exceptTaskId: task.id, provider: provider.name, model, limit: EARLIER_TASKS });
  return estimateCost({
    provider: provider.name,
    model,
    budgetUsd: task.budget_usd === null ? null : Number(task.budget_usd),
    steps: plan.steps.length,
    earlierCosts: earlier.map((e) => e.costUsd),
  });
}
