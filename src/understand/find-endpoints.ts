import type { HttpMethod } from "./spec.js";
import type { Unit } from "./markdown-units.js";
import { normalizePath, type NormalPath } from "./normalize-path.js";
import { codeSpans, plain } from "./text-tools.js";

/** One place the issue names an endpoint: `GET /notes/:id`, as written, with its unit and offsets. */
export interface Mention extends NormalPath {
  method: HttpMethod;
  raw: string;
  unit: number;
  start: number;
  end: number;
  /** Where the words about this mention end: the next mention in the same unit, or the unit's end. */
  until: number;
}

/** A path named without a method (`/todos`, "next to `/api/hello`"). */
export interface BarePath {
  path: string;
  unit: number;
  start: number;
}

export interface EndpointScan {
  mentions: Mention[];
  bare: BarePath[];
  /** The first path Archon cannot read (`/files/*`), as written. */
  unreadable?: string;
}

const METHODS: Record<string, HttpMethod> = { GET: "GET", POST: "POST", PUT: "PUT", PATCH: "PATCH", DELETE: "DELETE" };
const MENTION = /(?<![A-Za-z0-9_/-])(get|post|put|patch|delete)\b[\s`*]{1,4}(\/[^\s`'"|,;]*)/gi;
const BARE = /(?<![\w.\-/:@~])\/[A-Za-z0-9_{:<][^\s`'"|,;()]*/g;
// "like `GET /api/hello`", "the token from `POST /token`": an endpoint that exists, not one to add.
const REFERENCE_BEFORE = /\b(?:like|same as|same [\w-]+(?: [\w-]+){0,3} as|next to|similar to|mirrors?|mirroring|than|alongside|beside|existing|already|from|as in|as on|via|as)\s+(?:the\s+)?(?:existing\s+)?(?:one\s+)?(?:at\s+|in\s+)?[`*]*$/i;
const REFERENCE_AFTER = /^[`*]*\s*(?:already exists|as it is|as-is|stays|remains|is unchanged|keeps working)/i;
// Beyond this many, the text is not an issue a person wrote.
const MAX_MENTIONS = 200;

// "Something like `GET /api/categories`" proposes an endpoint.
const PROPOSAL = /\b(?:something|anything|maybe|perhaps|probably)\s+like\s+[`*]*$/i;

function isReference(text: string, start: number, end: number): boolean {
  const before = plain(text.slice(Math.max(0, start - 40), start));
  return (REFERENCE_BEFORE.test(before) && !PROPOSAL.test(before)) || REFERENCE_AFTER.test(text.slice(end, end + 30));
}

function scanUnit(unit: Unit, scan: EndpointScan): void {
  for (const m of unit.text.matchAll(MENTION)) {
    if (scan.mentions.length >= MAX_MENTIONS) return;
    const raw = m[2] ?? "";
    const start = m.index;
    const end = start + m[0].length;
    if (/\.\.\.|…/.test(raw) || isReference(unit.text, start, end)) continue;
    const reading = normalizePath(raw);
    if (!reading.ok) {
      scan.unreadable ??= reading.raw;
      continue;
    }
    scan.mentions.push({ ...reading.value, method: METHODS[(m[1] ?? "").toUpperCase()] ?? "GET", raw, unit: unit.index, start, end, until: unit.text.length });
  }
}

function scanBare(unit: Unit, scan: EndpointScan): void {
  const taken = (at: number): boolean => scan.mentions.some((m) => m.unit === unit.index && at >= m.start && at < m.end);
  const candidates = [
    ...codeSpans(unit.text).map((s) => ({ text: s.value.trim(), at: s.start + 1 })),
    ...[...unit.text.matchAll(BARE)].map((m) => ({ text: m[0], at: m.index })),
  ];
  for (const { text, at } of candidates) {
    if (!text.startsWith("/") || taken(at) || scan.bare.length >= MAX_MENTIONS) continue;
    const reading = normalizePath(text);
    if (reading.ok && reading.value.path !== "/") scan.bare.push({ path: reading.value.path, unit: unit.index, start: at });
  }
}

export function findEndpoints(units: Unit[]): EndpointScan {
  const scan: EndpointScan = { mentions: [], bare: [] };
  for (const unit of units) if (unit.kind !== "code") scanUnit(unit, scan);
  for (const [i, mention] of scan.mentions.entries()) {
    const next = scan.mentions[i + 1];
    if (next && next.unit === mention.unit) mention.until = next.start;
  }
  for (const unit of units) if (unit.kind !== "code") scanBare(unit, scan);
  return scan;
}
