import { describe, expect, it } from "vitest";
import { costOf, priceOf } from "../../../src/llm/openai/pricing.js";

describe("priceOf", () => {
  it.each([
    [["gpt-4o"], 2.5],
    [["gpt-4o-2024-08-06"], 2.5],
    [["gpt-4o-mini-2024-07-18"], 0.15],
    [["gpt-4.1-nano"], 0.1],
    [["llama3.1:8b"], undefined],
    [["my-deployment", "gpt-4o-2024-08-06"], 2.5],
  ])("%j → input %s per million", (models, input) => {
    expect(priceOf(models)?.inputPerMillion).toBe(input);
  });

  it("lets configuration override and extend the table, by either name", () => {
    const overrides = { "my-deployment": { inputPerMillion: 1, outputPerMillion: 2 }, "gpt-4o": { inputPerMillion: 5, outputPerMillion: 5 } };
    expect(priceOf(["my-deployment", "gpt-4o-2024-08-06"], overrides)?.inputPerMillion).toBe(1);
    expect(priceOf(["gpt-4o-2024-08-06"], overrides)?.inputPerMillion).toBe(5);
  });
});

describe("costOf", () => {
  it("prices input and output tokens separately", () => {
    expect(costOf(["gpt-4o"], 1_000_000, 100_000)).toBeCloseTo(3.5, 10);
  });

  it("costs nothing for a model it does not know", () => {
    expect(costOf(["qwen2.5-coder"], 50_000, 10_000)).toBe(0);
  });
});
