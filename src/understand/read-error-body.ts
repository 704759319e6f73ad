import type { BodySpec, JsonValue, Outcome } from "./spec.js";
import type { Unit } from "./markdown-units.js";
import { findJson } from "./find-json.js";
import { parseJsonExample } from "./parse-json-example.js";
import { blankCode, isStatusCode, splitSentences } from "./text-tools.js";

/** "in the usual error format", "Fastify's usual 400", "keep the usual shape", "through the catch-all handler". */
const USUAL = /\busual\b|\bsame (?:error )?(?:format|shape)\b|\bdefault (?:error|fastify|express)\b|\bexisting error\b|\bcatch-?all\b|\berror handler\b|\bstandard error\b|\bbuilt-?in error\b/i;
const STATUS = /(?<![\w.-])[45]\d\d(?![\w.-])/;

/** The body an error clause shows or asks for, if it says anything about one. */
export function readErrorBody(clause: string): BodySpec | undefined {
  const usual = USUAL.test(blankCode(clause));
  for (const span of findJson(clause)) {
    const example = parseJsonExample(span.raw);
    if (example) return { example: example.value, free: example.free, usual };
  }
  return usual ? { free: [], usual } : undefined;
}

/** "Errors must keep the usual shape, e.g. `{ "statusCode": 404, … }`": a rule for every error, with no status of its own. */
export interface ErrorStyle {
  example?: JsonValue;
  free: string[];
}

export function readErrorStyle(units: Unit[]): ErrorStyle | undefined {
  for (const unit of units) {
    if (unit.kind === "code") continue;
    for (const sentence of splitSentences(unit.text)) {
      const words = blankCode(sentence.value, isStatusCode);
      if (!/\berrors?\b/i.test(words) || !USUAL.test(words) || STATUS.test(words)) continue;
      const json = findJson(sentence.value).map((s) => parseJsonExample(s.raw)).find((e) => e !== undefined);
      return json ? { example: json.value, free: json.free } : { free: [] };
    }
  }
  return undefined;
}

function statusIn(example: JsonValue | undefined): number | undefined {
  if (!example || typeof example !== "object" || Array.isArray(example)) return undefined;
  const value = example.statusCode ?? example.status_code ?? example.status ?? example.code;
  return typeof value === "number" ? value : undefined;
}

/** Every error outcome keeps the repository's shape; the style's example goes to the status it shows. */
export function applyErrorStyle(outcomes: Outcome[], style: ErrorStyle): void {
  const shown = statusIn(style.example);
  for (const outcome of outcomes) {
    if (outcome.status < 400) continue;
    const body: BodySpec = outcome.body ?? { free: [], usual: true };
    body.usual = true;
    if (body.example === undefined && shown === outcome.status && style.example !== undefined) {
      body.example = style.example;
      body.free = style.free;
    }
    outcome.body = body;
  }
}
