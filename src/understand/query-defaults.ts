import type { ExampleExchange, JsonValue } from "./spec.js";

/**
 * A query parameter's default, read from two examples: `?name=Ada` → "Hello, Ada!" and no `name`
 * → "Hello, World!" make "World" the default of `name`.
 */
export function defaultFromExamples(name: string, examples: ExampleExchange[]): string | undefined {
  const without = examples.find((e) => e.params[name] === undefined);
  if (!without) return undefined;
  for (const example of examples) {
    const value = example.params[name];
    if (!value || !isObject(example.response) || !isObject(without.response)) continue;
    for (const [key, shown] of Object.entries(example.response)) {
      const plain = without.response[key];
      if (typeof shown !== "string" || typeof plain !== "string") continue;
      const at = shown.indexOf(value);
      if (at < 0) continue;
      const prefix = shown.slice(0, at);
      const suffix = shown.slice(at + value.length);
      if (plain.length > prefix.length + suffix.length && plain.startsWith(prefix) && plain.endsWith(suffix)) {
        return plain.slice(prefix.length, plain.length - suffix.length);
      }
    }
  }
  return undefined;
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
