import type { Condition } from "./spec.js";
import type { FieldFacts } from "./field-facts.js";
import type { ConditionReading } from "./read-conditions.js";
import { singularOf } from "./inflect-words.js";

const N = String.raw`(-?\d+(?:\.\d+)?)(?!\d|\.\d)`;
const CHARS = String.raw`\s*(?:characters|chars|letters)\b`;
const CONTAINS = /\b(?:has|have|contains?|includes?|with)\s+no\s+`?([^\w\s`]{1,3})`?|\b(?:without|missing|lacks?)\s+(?:an?\s+|the\s+)?`([^\w\s`]{1,3})`|\bdoes(?:n't| not) (?:contain|include|have)\s+(?:an?\s+)?`?([^\w\s`]{1,3})`?/i;
const TOO_LONG = new RegExp(String.raw`(?:longer than|more than|over|exceeds?|exceeding|above|greater than|beyond)\s+${N}${CHARS}`, "i");
const TOO_SHORT = new RegExp(String.raw`(?:shorter than|fewer than|less than|under|below)\s+${N}${CHARS}`, "i");
const OUTSIDE = new RegExp(String.raw`\b(?:outside(?:\s+of)?(?:\s+the(?:\s+range)?)?|not (?:between|from|in(?: the range)?))\s+\[?${N}\s*(?:\.\.|–|—|-|to|and|,)\s*${N}`, "i");
const ABOVE = new RegExp(String.raw`(?:above|greater than|more than|over|higher than|bigger than|(?<![-=<])>)\s*${N}(?!${CHARS})`, "i");
const BELOW = new RegExp(String.raw`(?:below|less than|under|lower than|smaller than|(?<![-=])<)\s*${N}(?!${CHARS})`, "i");
const NOT_INTEGER = /\bnot (?:an? )?(non-negative|positive|whole)?\s*(integer|number|int)\b|\bisn'?t (?:an? )?(integer|number)\b|\bnon-?numeric\b|\bnot numeric\b/i;
const MISSING_WORD = /\b([A-Za-z_]\w*)`?\s+(?:is|are)\s+(?:missing|absent|empty|blank|not (?:given|provided|set|present))\b|\b(?:missing|without|no|lacks?|omits?|omitting)\s+(?:an?\s+|the\s+|its\s+)?`?([A-Za-z_]\w*)`?/i;
const FORMAT_NAMES: Array<[RegExp, NonNullable<FieldFacts["constraints"]>["format"]]> = [
  [/e-?mail/i, "email"],
  [/url|link|uri|website|homepage/i, "url"],
  [/uuid/i, "uuid"],
  [/date_?time|timestamp|_at$/i, "date-time"],
  [/date|day|birthday/i, "date"],
];

function invalid(target: string | undefined, rule: string, facts?: FieldFacts): ConditionReading {
  const when: Condition = target ? { kind: "invalid", target, rule } : { kind: "invalid", rule };
  return facts ? { when, facts } : { when };
}

function missingTarget(part: string, names: string[]): string | undefined {
  const m = MISSING_WORD.exec(part);
  const word = m?.[1] ?? m?.[2];
  if (!word || /^(a|an|the|it|body|input|value|data|valid)$/i.test(word)) return undefined;
  const lower = word.toLowerCase();
  return names.find((n) => n.toLowerCase() === lower || n.toLowerCase() === singularOf(lower)) ?? (/^[a-z]/.test(word) ? word : undefined);
}

function rangeReading(part: string, target: string | undefined): ConditionReading | undefined {
  const outside = OUTSIDE.exec(part);
  if (outside) return { ...invalid(target, "minimum", { constraints: { minimum: Number(outside[1]), maximum: Number(outside[2]) } }), everyRule: true };
  const above = ABOVE.exec(part);
  if (above) return invalid(target, "maximum", { constraints: { maximum: Number(above[1]) } });
  const below = BELOW.exec(part);
  if (below) return invalid(target, "minimum", { constraints: { minimum: Number(below[1]) } });
  if (/\bnegative\b/i.test(part) && !/non-?negative/i.test(part)) return invalid(target, "minimum", { constraints: { minimum: 0 } });
  return undefined;
}

/** One part of an invalid-value clause: which rule it names, on which target, and the rule's value. */
export function readInvalid(part: string, target: string | undefined, names: string[]): ConditionReading | undefined {
  const contains = CONTAINS.exec(part);
  if (contains) return invalid(target, "contains", { constraints: { contains: contains[1] ?? contains[2] ?? contains[3] ?? "" } });
  const long = TOO_LONG.exec(part);
  if (long) return invalid(target, "maxLength", { constraints: { maxLength: Number(long[1]) } });
  const short = TOO_SHORT.exec(part);
  if (short) return invalid(target, "minLength", { constraints: { minLength: Number(short[1]) } });
  const notInteger = NOT_INTEGER.exec(part);
  if (notInteger) {
    const kind = (notInteger[1] ?? "").toLowerCase();
    const type = /number/i.test(notInteger[2] ?? notInteger[3] ?? "") ? "number" : "integer";
    if (kind === "non-negative" || kind === "positive") return invalid(target, "minimum", { type, typeFrom: "declared", constraints: { minimum: kind === "positive" ? 1 : 0 } });
    return invalid(target, "type", { type, typeFrom: "declared" });
  }
  const range = rangeReading(part, target);
  if (range) return range;
  if (/\bnot one of\b|\bnot (?:a )?(?:known|allowed|supported) (?:value|option|choice)\b|\bunknown (?:value|priority|status|kind|type|category)\b/i.test(part)) return invalid(target, "enum");
  const missing = missingTarget(part, names);
  if (missing) return invalid(missing, "required", { required: true, requiredStated: true });
  if (/\binvalid\b|\bnot (?:a )?valid\b|\bmalformed\b|\bbad\b|\bwrong format\b/i.test(part) && target) {
    const format = FORMAT_NAMES.find(([pattern]) => pattern.test(target))?.[1];
    return format ? invalid(target, "format", { constraints: { format } }) : { when: { kind: "invalid", target }, everyRule: true };
  }
  if (/\bempty\b/i.test(part) && target && !/non-?empty/i.test(part)) return invalid(target, "minLength", { constraints: { minLength: 1 } });
  return undefined;
}
