import { describe, expect, it } from "vitest";
import type { CostEstimate } from "../../src/domain/cost-estimate.js";
import { estimateLine } from "../../src/render/estimate-line.js";

const openai = { provider: "openai", model: "gpt-4o-mini", budgetUsd: 2 } as const;
const table = { kind: "price_table", steps: 3, tokensIn: { low: 5_000, high: 40_000 }, tokensOut: { low: 1_000, high: 6_000 } } as const;

describe("estimateLine", () => {
  it.each<[string, CostEstimate, string]>([
    [
      "the template provider",
      { provider: "template", model: null, budgetUsd: 5, lowUsd: 0, highUsd: 0, basis: { kind: "free" } },
      "Provider template · free (no model)",
    ],
    [
      "earlier tasks",
      { ...openai, lowUsd: 0.04, highUsd: 0.11, basis: { kind: "earlier_tasks", tasks: 6 } },
      "Provider openai · model gpt-4o-mini · budget $2.00 · estimated $0.04–$0.11 (from 6 earlier tasks of this repository)",
    ],
    [
      "one earlier task",
      { ...openai, lowUsd: 0.05, highUsd: 0.05, basis: { kind: "earlier_tasks", tasks: 1 } },
      "Provider openai · model gpt-4o-mini · budget $2.00 · estimated $0.05 (from 1 earlier task of this repository)",
    ],
    [
      "the price table, amounts below a cent to four places",
      { ...openai, budgetUsd: null, lowUsd: 0.00406, highUsd: 0.0288, basis: table },
      "Provider openai · model gpt-4o-mini · no budget · estimated $0.0041–$0.03 (from the price table, assuming 5k–40k tokens in and 1k–6k out for each of 3 steps; fix rounds cost more)",
    ],
    [
      "an estimate above the budget",
      { ...openai, model: "gpt-4o", budgetUsd: 0.25, lowUsd: 0.0675, highUsd: 0.48, basis: table },
      "Provider openai · model gpt-4o · budget $0.25 · estimated $0.07–$0.48 (from the price table, assuming 5k–40k tokens in and 1k–6k out for each of 3 steps; fix rounds cost more) · may run over the budget",
    ],
    [
      "a model without a price",
      { ...openai, model: "llama3.1:8b", budgetUsd: null, lowUsd: 0, highUsd: 0, basis: { kind: "no_price" } },
      "Provider openai · model llama3.1:8b · no budget · no estimate (llama3.1:8b is in no price table, so its calls count as free)",
    ],
  ])("%s", (_name, estimate, line) => {
    expect(estimateLine(estimate)).toBe(line);
  });
});
