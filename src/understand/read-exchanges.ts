import type { Mention } from "./find-endpoints.js";
import type { Unit } from "./markdown-units.js";
import { findJson } from "./find-json.js";
import { looksLikeShape, parseShape, type Shape } from "./parse-shape.js";
import { blankCode, isStatusCode } from "./text-tools.js";

/** The bodies shown with one mention: what is sent and what comes back. */
export interface MentionExchange {
  request?: Shape;
  response?: Shape;
}

const RESPONSE = /(→|->|=>|⇒|\breturns?\b|\breturning\b|\banswers?\b|\banswering\b|\bresponds?\b|\bresponding\b|\bresponse\b|\bgives\b|\byields?\b|\boutputs?\b|\brepl(?:y|ies|ying)\b|\bsends? back\b)/gi;
const REQUEST = /\b(taking|takes|take|accepts?|accepting|body|payload|expects?|expecting|sending|send|posting|receives?)\b/gi;
const ERROR_STATUS = /(?<![\w.-])[45]\d\d(?![\w.-])/;
// A unit that hands its endpoint to the code block below: "returns", "answering", "Body:".
const LEAD_IN = /(→|->|=>|\breturns?|\breturning|\banswers?|\banswering|\bresponds?(?: with)?|\bresponse|\bbody|\bpayload|\brequest|\blike this|\bexample|:)\s*$/i;

function lastIndex(pattern: RegExp, text: string): number {
  let last = -1;
  for (const m of text.matchAll(pattern)) last = m.index;
  return last;
}

/** Whether a body after `between` is what comes back, for a mention with `method`. */
export function isResponse(method: string, between: string): boolean {
  if (method === "GET" || method === "DELETE") return true;
  const response = lastIndex(RESPONSE, between);
  return response >= 0 && response > lastIndex(REQUEST, between);
}

/** `between`: the words from the mention (or the previous body) to this body, inline code blanked. */
function place(exchange: MentionExchange, method: string, between: string, shape: Shape): void {
  if (ERROR_STATUS.test(between)) return;
  const slot = isResponse(method, between) ? "response" : "request";
  exchange[slot] ??= shape;
}

function inlineShapes(text: string, from: number, to: number): Array<{ shape: Shape; start: number; end: number }> {
  const out: Array<{ shape: Shape; start: number; end: number }> = [];
  for (const span of findJson(text, from, to)) {
    const shape = looksLikeShape(span.raw) ? parseShape(span.raw) : undefined;
    if (shape) out.push({ shape, start: span.start, end: span.end });
  }
  return out;
}

export interface ExchangeReading {
  byMention: Map<Mention, MentionExchange>;
  /** Code blocks read as an endpoint's body, not to be read again as the item's shape. */
  codeUsed: Set<number>;
}

/** Bodies next to each mention: in its own unit up to the next mention, or in the code block right below. */
export function readExchanges(units: Unit[], mentions: Mention[]): ExchangeReading {
  const out = new Map<Mention, MentionExchange>();
  const codeUsed = new Set<number>();
  const blanks = new Map<number, string>();
  for (const mention of mentions) {
    const unit = units[mention.unit];
    if (!unit) continue;
    const exchange: MentionExchange = {};
    const blank = blanks.get(unit.index) ?? blankCode(unit.text, isStatusCode);
    blanks.set(unit.index, blank);
    let from = mention.end;
    for (const found of inlineShapes(unit.text, mention.end, mention.until)) {
      place(exchange, mention.method, blank.slice(from, found.start), found.shape);
      from = found.end;
    }
    const code = units[mention.unit + 1];
    const last = mention.until === unit.text.length;
    if (last && code?.kind === "code" && code.parent === mention.unit && LEAD_IN.test(blank.slice(from))) {
      const shape = parseShape(code.text, code.lang);
      if (shape) place(exchange, mention.method, blank.slice(from), shape);
      codeUsed.add(code.index);
    }
    out.set(mention, exchange);
  }
  return { byMention: out, codeUsed };
}
