import type { Constraints, JsonValue } from "./spec.js";
import { literalValue, typeFromWord, type FieldFacts } from "./field-facts.js";
import { readConstraints } from "./read-constraints.js";

// Earliest word wins: "required, non-empty" is required; "not required" is optional.
const OPTIONAL = /\b(?:not required|optional|may be omitted|can be omitted|can be left out|may be left out|is not mandatory)\b/i;
const REQUIRED = /\b(?:required|mandatory|must be (?:present|provided|given|set)|must not be (?:missing|omitted))\b/i;
const TYPE_WORD =
  /(?<!\bnot\s+(?:a|an)\s+)\b(string|str|text|integer|int|whole number|number(?!\s+of\b)|float|double|decimal|boolean|bool|date-time|datetime|timestamp|date|uuid|array|list|object|dict)\b/i;
const READ_ONLY = /\b(?:server[- ]assigned|server[- ]generated|generated|auto[- ]?generated|auto[- ]?increment(?:ing|ed)?|assigned by the server|set by the server|read[- ]?only)\b/i;
const DEFAULT =
  /\bdefault(?:s|ing)?\s*(?:value\s*)?(?:to|is|=|:|of)?\s*(`[^`]*`|"[^"]*"|'[^']*'|an? empty (?:string|list|array|object)|empty (?:string|list|array)|true|false|null|zero|-?\d+(?:\.\d+)?(?!\d|\.\d)|[\w-]+)/i;
const BY_DEFAULT = /(`[^`]*`|"[^"]*"|true|false|-?\d+(?:\.\d+)?)\s+(?:by default|unless (?:given|set|stated))/i;
const NOT_A_VALUE = /^(the|a|an|now|current|today|whatever|it|that|this|when|if|in|on|value)$/i;

function firstIndex(pattern: RegExp, text: string): number {
  return pattern.exec(text)?.index ?? Infinity;
}

function readRequired(text: string): boolean | undefined {
  const optional = firstIndex(OPTIONAL, text);
  const required = firstIndex(REQUIRED, text);
  if (optional === Infinity && required === Infinity) return undefined;
  return required < optional;
}

function readDefault(text: string): JsonValue | undefined {
  const m = DEFAULT.exec(text) ?? BY_DEFAULT.exec(text);
  const raw = m?.[1];
  if (raw === undefined || NOT_A_VALUE.test(raw)) return undefined;
  if (/^zero$/i.test(raw)) return 0;
  return literalValue(raw);
}

function readType(text: string): FieldFacts {
  const list = /\b(?:list|array) of (\w+)/i.exec(text);
  if (list) {
    const word = (list[1] ?? "").replace(/s$/, "");
    return { type: "array", typeFrom: "declared", constraints: { items: typeFromWord(word)?.type ?? "string" } };
  }
  const m = TYPE_WORD.exec(text);
  const word = m ? typeFromWord(m[1] ?? "") : undefined;
  if (!word) return {};
  return { type: word.type, typeFrom: "declared", constraints: word.format ? { format: word.format } : {} };
}

function merged(a: Constraints | undefined, b: Constraints): Constraints | undefined {
  const out = { ...(a ?? {}), ...b };
  return Object.keys(out).length > 0 ? out : undefined;
}

/** What a phrase about one field says: "is a required, non-empty string", "(int, optional)", "defaults to `false`". */
export function readPredicate(text: string): FieldFacts {
  const facts: FieldFacts = readType(text);
  const required = readRequired(text);
  if (required !== undefined) {
    facts.required = required;
    facts.requiredStated = true;
  }
  if (/\bnullable\b|\bcan be null\b|\bor null\b|\bmay be null\b/i.test(text)) facts.nullable = true;
  if (READ_ONLY.test(text)) facts.readOnly = true;
  if (/\b(?:is the|as the|its|the item's|unique)\s+(?:id|identifier)\b|\bprimary key\b/i.test(text)) facts.isId = true;
  const value = readDefault(text);
  if (value !== undefined) {
    facts.default = { value };
    if (!facts.type && typeof value === "boolean") facts.type = "boolean";
  }
  const words = readConstraints(text, /\b(?:reject(?:ed|s)?|refuse[sd]?|4\d\d|invalid|error)\b/i.test(text));
  facts.constraints = merged(facts.constraints, words.constraints);
  if (words.positive) facts.positive = true;
  if (words.constraints.format === "email" || words.constraints.format === "url") facts.type ??= "string";
  return facts;
}

/** Whether a phrase said anything about a field at all. */
export function saysSomething(facts: FieldFacts): boolean {
  return (
    facts.type !== undefined ||
    facts.required !== undefined ||
    facts.default !== undefined ||
    facts.readOnly === true ||
    facts.isId === true ||
    facts.positive === true ||
    Object.keys(facts.constraints ?? {}).length > 0
  );
}
