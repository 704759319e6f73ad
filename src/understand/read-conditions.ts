import type { Condition } from "./spec.js";
import type { FieldFacts } from "./field-facts.js";
import { singularOf } from "./inflect-words.js";
import { readInvalid } from "./read-invalid.js";
import { blankCode, codeSpans, isIdentifier } from "./text-tools.js";

/** One condition under which a status is answered, and what it says about its target. */
export interface ConditionReading {
  when: Condition;
  facts?: FieldFacts;
  /** "reject anything else": the outcome stands for every rule its target has. */
  everyRule?: boolean;
}

const AUTH_THING = /\b(?:header|token|credentials?|auth(?:orization|entication)?|api[- ]?key|password|login|jwt|bearer)\b/i;
const MISSING_AUTH = /\b(?:missing|without|no|absent|lacks?)\b/i;
const WRONG_AUTH = /\b(?:wrong|invalid|bad|incorrect|expired|unknown|mismatch(?:ed)?|not allowed|forbidden|insufficient|not (?:the )?owner)\b/i;

/** The field or parameter a part of a clause is about: a name in code, a known name, or its plural ("Names longer than …"). */
export function findTarget(text: string, names: string[]): string | undefined {
  const spans = codeSpans(text).map((s) => s.value.trim().replace(/^\{(\w+)\}$|^:(\w+)$|^<(\w+)>$/, "$1$2$3"));
  for (const span of spans) if (names.includes(span)) return span;
  const words = blankCode(text).match(/[A-Za-z_][\w]*/g) ?? [];
  for (const word of words) {
    const lower = word.toLowerCase();
    const hit = names.find((n) => n.toLowerCase() === lower || n.toLowerCase() === singularOf(lower));
    if (hit) return hit;
  }
  return spans.find((span) => isIdentifier(span) && /^[a-z]/.test(span));
}

function authCondition(status: number, text: string): Condition | undefined {
  const about = AUTH_THING.test(text);
  if (about && WRONG_AUTH.test(text)) return { kind: "forbidden" };
  if (about && MISSING_AUTH.test(text)) return { kind: "unauthenticated" };
  if (status === 401) return { kind: "unauthenticated" };
  if (status === 403) return { kind: "forbidden" };
  return undefined;
}

/**
 * The conditions of one status: 404 is a missing item, auth words give unauthenticated or
 * forbidden, 409 a conflict, other 4xx an invalid value with the rule the words name.
 */
export function readConditions(status: number, clause: string, sentence: string, names: string[]): ConditionReading[] {
  const text = blankCode(clause, (v) => !/^\s*[{[]/.test(v));
  if (status === 404) return [{ when: { kind: "not-found" } }];
  if (status < 400 || status >= 500) return [{ when: { kind: "other" } }];
  const auth = authCondition(status, text);
  if (auth) return [{ when: auth }];
  if (status === 409 || /\balready (?:exists|taken|used)\b|\bduplicate\b|\bnot unique\b/i.test(text)) {
    const target = findTarget(text, names);
    return [{ when: target ? { kind: "conflict", target } : { kind: "conflict" } }];
  }
  const readings: ConditionReading[] = [];
  let previous: string | undefined;
  for (const part of text.split(/\s+or\s+|;\s*/)) {
    const target = findTarget(part, names) ?? previous;
    const reading = readInvalid(part, target, names);
    if (reading) readings.push(reading);
    previous = target;
  }
  if (readings.length > 0) return readings;
  const target = findTarget(text, names) ?? findTarget(sentence, names);
  const general = /\banything else\b|\botherwise\b|\bout of range\b|\binvalid\b|\bnot valid\b|\bviolat/i.test(text) || target !== undefined;
  return [{ when: target ? { kind: "invalid", target } : { kind: "invalid" }, everyRule: general && target !== undefined }];
}
