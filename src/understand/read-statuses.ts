import type { Mention } from "./find-endpoints.js";
import type { Unit } from "./markdown-units.js";
import { blankCode, isStatusCode, splitSentences, type Span } from "./text-tools.js";

/** One HTTP status the issue states, the words around it, and the mention it belongs to, if any. */
export interface StatusHit {
  status: number;
  unit: number;
  at: number;
  /** The part of the sentence about this status: "when the name is missing or the email has no `@`". */
  clause: string;
  sentence: string;
  owner?: Mention;
}

// Statuses Archon knows; other three-digit numbers in prose are counts, ports or years.
const KNOWN = new Set([
  200, 201, 202, 203, 204, 205, 206, 301, 302, 303, 304, 307, 308, 400, 401, 402, 403, 404, 405, 406, 408, 409, 410, 411, 412, 413, 414, 415, 416,
  418, 422, 423, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504,
]);
const NUMBER = /(?<![\w.\-–—/:#$@])([2-5]\d\d)(?![\w\-–—]|\.\d|\s*(?:characters|chars|letters|words|items|bytes|ms|milli|seconds|secs|s\b|%|px|kb|mb|times|requests|users|rows|records|results|entries|lines|pages|per\b))/g;
const NOT_A_STATUS_BEFORE = /(?:\bto|\band|\bthan|\bfrom|\bmax|\bmin|\bmaximum|\bminimum|\bup to|\bat most|\bat least|\blimit|\bof|\bsize|\bport|\bpage|\blength|\bbetween|\bexactly|\bover|\bunder|\babove|\bbelow|[<>=≤≥+*/])\s*$/i;
// Real issues state a few dozen statuses; more is noise not worth reading.
const MAX_HITS = 300;
const SEPARATOR = /,\s|;\s|\band\b|\bor\b|\bbut\b|\bwhile\b|\bwhereas\b|\botherwise\b|\s[—–]\s/g;
// "Keep the existing 404 handling as it is": a status that exists, not one to build.
const EXISTING = /\b(?:keep|leave)\b[^.]*\b(?:as it is|as-is|unchanged|alone)\b|\bexisting\s+[1-5]\d\d\b|\balready (?:returns|answers|handles|gives|responds)\b/i;

function lastSeparator(text: string, from: number, to: number): number {
  let last = -1;
  for (const m of text.slice(from, to).matchAll(SEPARATOR)) last = from + m.index;
  return last < 0 ? to : last;
}

/**
 * The mention a status belongs to: the nearest one before it in its sentence (or the first after
 * it), the only one in its unit, or the one endpoint its list item or heading names.
 */
function ownerOf(unit: Unit, at: number, sentence: { start: number; end: number }, mentions: Mention[]): Mention | undefined {
  const own = mentions.filter((m) => m.unit === unit.index);
  const inSentence = own.filter((m) => m.start >= sentence.start && m.start < sentence.end);
  const before = inSentence.filter((m) => m.start < at).at(-1);
  if (before || inSentence.length > 0) return before ?? inSentence[0];
  if (own.length === 1) return own[0];
  if (own.length > 1) return undefined;
  // A nested item, or a unit under an intro or heading that names one endpoint, speaks about that endpoint.
  for (const scope of [unit.parent, unit.heading]) {
    if (scope === undefined) continue;
    const there = mentions.filter((m) => m.unit === scope);
    if (there.length === 1) return there[0];
  }
  return undefined;
}

function hitsIn(unit: Unit, mentions: Mention[]): StatusHit[] {
  const blank = blankCode(unit.text, isStatusCode);
  const found = [...blank.matchAll(NUMBER)].filter((m) => KNOWN.has(Number(m[1])) && !NOT_A_STATUS_BEFORE.test(blank.slice(Math.max(0, m.index - 14), m.index)));
  const hits: StatusHit[] = [];
  const sentences = splitSentences(unit.text);
  const sentenceAt = (at: number): Span => sentences.find((s) => at >= s.start && at < s.end) ?? { value: unit.text, start: 0, end: unit.text.length };
  for (const [i, m] of found.slice(0, MAX_HITS).entries()) {
    const sentence = sentenceAt(m.index);
    const prev = found[i - 1];
    const next = found[i + 1];
    const start = prev && prev.index >= sentence.start ? lastSeparator(blank, prev.index + 3, m.index) : sentence.start;
    const end = next && next.index < sentence.end ? lastSeparator(blank, m.index + 3, next.index) : sentence.end;
    if (EXISTING.test(blank.slice(start, end))) continue;
    hits.push({ status: Number(m[1]), unit: unit.index, at: m.index, clause: unit.text.slice(start, end), sentence: sentence.value, owner: ownerOf(unit, m.index, sentence, mentions) });
  }
  return hits;
}

export function readStatuses(units: Unit[], mentions: Mention[]): StatusHit[] {
  return units
    .filter((u) => u.kind !== "code")
    .flatMap((u) => hitsIn(u, mentions))
    .slice(0, MAX_HITS);
}
