import type { Constraints, JsonValue } from "./spec.js";
import { literalValue } from "./field-facts.js";

// A number that is not the start of a longer one, and (for values) not a count of characters.
const N = String.raw`(-?\d+(?:\.\d+)?)(?!\d|\.\d)`;
const CHARS = String.raw`\s*(?:characters|chars|letters|symbols)\b`;
const NOT_CHARS = String.raw`(?!\s*(?:characters|chars|letters|symbols)\b)`;

const LENGTH_RANGE = new RegExp(String.raw`${N}\s*(?:–|—|-|to|\.\.)\s*${N}${CHARS}|between\s+${N}\s+and\s+${N}${CHARS}`, "i");
const MAX_LENGTH = new RegExp(String.raw`(?:at most|up to|max(?:imum)?(?: of)?|no (?:more|longer) than|not (?:more|longer) than|<=|≤|longer than|more than|over|exceed(?:s|ing)?)\s*${N}${CHARS}|${N}${CHARS}\s*(?:max|maximum|at most|or (?:less|fewer))`, "i");
const MIN_LENGTH = new RegExp(String.raw`(?:at least|min(?:imum)?(?: of)?|no (?:fewer|shorter) than|shorter than|fewer than|>=|≥)\s*${N}${CHARS}|${N}${CHARS}\s*(?:min|minimum|or more)`, "i");
const NON_EMPTY = /\b(?:non-?empty|not (?:be )?empty|cannot be empty|can't be empty|not (?:be )?blank|non-?blank)\b/i;
const RANGE = new RegExp(String.raw`(?:from|between)\s+${N}\s+(?:to|and|through|until)\s+${N}${NOT_CHARS}|${N}\s*(?:\.\.|–|—)\s*${N}${NOT_CHARS}`, "i");
const MINIMUM = new RegExp(String.raw`(?:>=|≥|at least|no less than|not less than|minimum(?: of)?|min\.?)\s*${N}${NOT_CHARS}`, "i");
const MAXIMUM = new RegExp(String.raw`(?:<=|≤|at most|no more than|not more than|maximum(?: of)?|max\.?|up to)\s*${N}${NOT_CHARS}`, "i");
const ABOVE = new RegExp(String.raw`(?<![<>=-])>\s*${N}|\b(?:greater than|more than|above)\s+${N}${NOT_CHARS}`, "i");
const BELOW = new RegExp(String.raw`(?<![<>=-])<\s*${N}|\b(?:less than|below|under)\s+${N}${NOT_CHARS}`, "i");
const ENUM = /\bone of\s*:?\s*((?:`[^`]*`|"[^"]*"|'[^']*'|[\w-]+)(?:\s*(?:,|\bor\b|\band\b|\|)\s*(?:`[^`]*`|"[^"]*"|'[^']*'|[\w-]+))*)/i;
const EITHER = /\beither\s+(`[^`]*`|"[^"]*"|[\w-]+)\s+or\s+(`[^`]*`|"[^"]*"|[\w-]+)/i;
const CONTAINS = /\b(?:contains?|includes?|ha(?:s|ve)|with)\s+(?:an?\s+|the\s+)?`([^\w\s`]{1,3})`/i;

function num(text: string | undefined): number | undefined {
  const n = Number(text);
  return text === undefined || Number.isNaN(n) ? undefined : n;
}

function pair(m: RegExpExecArray | null): [number | undefined, number | undefined] {
  if (!m) return [undefined, undefined];
  const values = m.slice(1).filter((v) => v !== undefined);
  return [num(values[0]), num(values[1])];
}

function readEnum(text: string): JsonValue[] | undefined {
  const m = ENUM.exec(text);
  if (m) {
    const parts = (m[1] ?? "").split(/\s*(?:,|\bor\b|\band\b|\|)\s*/);
    const values = parts.map((p) => literalValue(p)).filter((v): v is JsonValue => v !== undefined && v !== "");
    if (values.length > 1) return values;
  }
  const either = EITHER.exec(text);
  if (either) return [either[1], either[2]].map((v) => literalValue(v ?? "")).filter((v): v is JsonValue => v !== undefined);
  return undefined;
}

function readFormat(text: string): Constraints["format"] | undefined {
  if (/\b(?:an?|valid)\s+e-?mail\b|\be-?mail address\b/i.test(text)) return "email";
  if (/\b(?:an?|valid|absolute|http)\s+(?:url|uri|link)\b/i.test(text)) return "url";
  if (/\buuid\b/i.test(text)) return "uuid";
  if (/\bdate-?time\b|\btimestamp\b|\biso[- ]?8601\b/i.test(text)) return "date-time";
  if (/\b(?:an?|iso)\s+date\b|\bYYYY-MM-DD\b/i.test(text)) return "date";
  return undefined;
}

/**
 * Rules in words: "1–100 characters", "non-empty", "from 1 to 5", ">= 0", "one of low, medium, high".
 * `rejecting`: the words describe what is refused ("above 5 is a 400"), so "above 5" is a maximum of 5.
 */
export function readConstraints(text: string, rejecting = false): { constraints: Constraints; positive: boolean } {
  const c: Constraints = {};
  const [lo, hi] = pair(LENGTH_RANGE.exec(text));
  if (lo !== undefined) c.minLength = lo;
  if (hi !== undefined) c.maxLength = hi;
  c.maxLength ??= num(pair(MAX_LENGTH.exec(text)).find((v) => v !== undefined)?.toString());
  c.minLength ??= num(pair(MIN_LENGTH.exec(text)).find((v) => v !== undefined)?.toString());
  if (NON_EMPTY.test(text)) c.minLength = Math.max(c.minLength ?? 1, 1);
  const [min, max] = pair(RANGE.exec(text));
  if (min !== undefined) c.minimum = min;
  if (max !== undefined) c.maximum = max;
  c.minimum ??= num(MINIMUM.exec(text)?.[1]);
  c.maximum ??= num(MAXIMUM.exec(text)?.[1]);
  const above = pair(ABOVE.exec(text))[0];
  const below = pair(BELOW.exec(text))[0];
  if (rejecting) {
    if (above !== undefined) c.maximum ??= above;
    if (below !== undefined) c.minimum ??= below;
  } else {
    if (above !== undefined) c.minimum ??= Number.isInteger(above) ? above + 1 : above;
    if (below !== undefined) c.maximum ??= Number.isInteger(below) ? below - 1 : below;
  }
  if (/\b(?:non-?negative|not negative|zero or (?:more|greater))\b/i.test(text)) c.minimum ??= 0;
  const values = readEnum(text);
  if (values) c.enum = values;
  const format = readFormat(text);
  if (format) c.format = format;
  const contains = CONTAINS.exec(text)?.[1];
  if (contains) c.contains = contains;
  for (const key of Object.keys(c) as Array<keyof Constraints>) if (c[key] === undefined) delete c[key];
  return { constraints: c, positive: /(?<!non-)\bpositive\b/i.test(text) };
}
