import { describe, expect, it } from "vitest";
import { costRange, estimateCost } from "../../src/llm/estimate-cost.js";

const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("costRange", () => {
  it.each([
    ["one task", [0.05], 0.05, 0.05],
    ["a few tasks: the cheapest and the dearest", [0.11, 0.04, 0.06], 0.04, 0.11],
    ["nine tasks: still min–max", oneToN(9), 1, 9],
    ["ten tasks: the dearest is set aside", oneToN(10), 1, 9],
    ["twenty tasks: the 10th and 90th percentiles", oneToN(20), 2, 18],
  ])("%s", (_name, costs, low, high) => {
    expect(costRange(costs)).toEqual({ low, high });
  });
});

describe("estimateCost", () => {
  const openai = { provider: "openai", budgetUsd: 2, steps: 3, earlierCosts: [] } as const;

  it("calls the template provider free, whatever the plan", () => {
    expect(estimateCost({ provider: "template", model: undefined, budgetUsd: undefined, steps: 3, earlierCosts: [1, 2] })).toEqual({
      provider: "template",
      model: null,
      budgetUsd: null,
      lowUsd: 0,
      highUsd: 0,
      basis: { kind: "free" },
    });
  });

  it("takes the range of what earlier tasks of the repository cost when there are any", () => {
    const estimate = estimateCost({ ...openai, model: "gpt-4o-mini", earlierCosts: [0.06, 0.04, 0.11, 0.07, 0.05, 0.08] });
    expect(estimate).toEqual({
      provider: "openai",
      model: "gpt-4o-mini",
      budgetUsd: 2,
      lowUsd: 0.04,
      highUsd: 0.11,
      basis: { kind: "earlier_tasks", tasks: 6 },
    });
  });

  it.each([
    // 3 × (5k × $0.15 + 1k × $0.60) / 1M and 3 × (40k × $0.15 + 6k × $0.60) / 1M
    ["gpt-4o-mini", 0.00405, 0.0288],
    ["gpt-4o-mini-2024-07-18", 0.00405, 0.0288],
    // 3 × (5k × $2.50 + 1k × $10) / 1M and 3 × (40k × $2.50 + 6k × $10) / 1M
    ["gpt-4o", 0.0675, 0.48],
  ])("without earlier tasks, prices %s from the price table × tokens per step × steps", (model, low, high) => {
    const estimate = estimateCost({ ...openai, model });
    expect(estimate.lowUsd).toBeCloseTo(low, 10);
    expect(estimate.highUsd).toBeCloseTo(high, 10);
    expect(estimate.basis).toEqual({ kind: "price_table", steps: 3, tokensIn: { low: 5_000, high: 40_000 }, tokensOut: { low: 1_000, high: 6_000 } });
  });

  it("scales the price-table estimate with the plan's steps, and takes a price given for the model first", () => {
    const prices = { "my-deployment": { inputPerMillion: 1, outputPerMillion: 2 } };
    const estimate = estimateCost({ ...openai, steps: 2, model: "my-deployment", prices });
    // 2 × (5k × $1 + 1k × $2) / 1M and 2 × (40k × $1 + 6k × $2) / 1M
    expect([estimate.lowUsd, estimate.highUsd]).toEqual([0.014, 0.104]);
  });

  it("gives no range for a model in no price table, as its calls count as free", () => {
    expect(estimateCost({ ...openai, model: "llama3.1:8b" })).toMatchObject({ lowUsd: 0, highUsd: 0, basis: { kind: "no_price" } });
    expect(estimateCost({ ...openai, model: undefined })).toMatchObject({ model: null, basis: { kind: "no_price" } });
  });
});
