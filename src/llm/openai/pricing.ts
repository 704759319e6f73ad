import type { ModelPrice, PriceTable } from "./schema.js";

/**
 * OpenAI list prices, USD per million tokens (standard tier, uncached input). Prices change and
 * deployments have their own names, so the repository or operator configuration can override any
 * entry; a model found nowhere costs 0 (a local server, or a price we do not know).
 */
export const DEFAULT_PRICES: PriceTable = {
  "gpt-4o": { inputPerMillion: 2.5, outputPerMillion: 10 },
  "gpt-4o-mini": { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  "gpt-4.1": { inputPerMillion: 2, outputPerMillion: 8 },
  "gpt-4.1-mini": { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  "gpt-4.1-nano": { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  "gpt-5": { inputPerMillion: 1.25, outputPerMillion: 10 },
  "gpt-5-mini": { inputPerMillion: 0.25, outputPerMillion: 2 },
  "gpt-5-nano": { inputPerMillion: 0.05, outputPerMillion: 0.4 },
  o3: { inputPerMillion: 2, outputPerMillion: 8 },
  "o4-mini": { inputPerMillion: 1.1, outputPerMillion: 4.4 },
};

function lookup(table: PriceTable, model: string): ModelPrice | undefined {
  const exact = table[model];
  if (exact) return exact;
  let best: string | undefined;
  for (const name of Object.keys(table)) {
    if (model.startsWith(`${name}-`) && (best === undefined || name.length > best.length)) best = name;
  }
  return best === undefined ? undefined : table[best];
}

/**
 * Exact name first, then the longest prefix (`gpt-4o-mini-2024-07-18` is `gpt-4o-mini`, not
 * `gpt-4o`). Several names may describe one call (the configured deployment name and the model the
 * server says it ran): an override for any of them wins over the built-in table.
 */
export function priceOf(models: readonly (string | undefined)[], overrides: PriceTable = {}): ModelPrice | undefined {
  const names = models.filter((m): m is string => m !== undefined && m !== "");
  for (const table of [overrides, DEFAULT_PRICES]) {
    for (const name of names) {
      const price = lookup(table, name);
      if (price) return price;
    }
  }
  return undefined;
}

export function costOf(
  models: readonly (string | undefined)[],
  tokensIn: number,
  tokensOut: number,
  overrides: PriceTable = {},
): number {
  const price = priceOf(models, overrides);
  if (!price) return 0;
  return (tokensIn * price.inputPerMillion + tokensOut * price.outputPerMillion) / 1_000_000;
}
