import type { EndpointDraft } from "./endpoint-draft.js";
import type { Mention } from "./find-endpoints.js";
import type { Unit } from "./markdown-units.js";
import { findJson } from "./find-json.js";
import { looksLikeShape, parseShape, type Shape } from "./parse-shape.js";
import { blankCode, isStatusCode, sentenceAt, splitSentences } from "./text-tools.js";

/** A shape written apart from any endpoint: "A contact looks like this:", "A note is `{ ... }`", "Fields:". */
export interface ItemShape {
  shape: Shape;
  /** "Body for POST and PUT:": the methods whose request body is this item. */
  bodyFor: string[];
}

// Shapes after words about errors, or after an error status, are error bodies, read with their outcomes.
const ERROR_WORDS = /\berrors?\b|\bfail(?:s|ure|ures)?\b|\breject/i;
const STATUS = /(?<![\w.-])[1-5]\d\d(?![\w.-])/g;

function aboutErrors(before: string): boolean {
  const words = blankCode(before, isStatusCode);
  const last = [...words.matchAll(STATUS)].at(-1)?.[0];
  return last !== undefined ? Number(last) >= 400 : ERROR_WORDS.test(words);
}

function bodyMethods(intro: string): string[] {
  if (!/\b(?:body|bodies|payload|request)\b/i.test(intro)) return [];
  return [...intro.matchAll(/\b(POST|PUT|PATCH)\b/g)].map((m) => m[1] ?? "");
}

function inside(mentions: Mention[], unit: number, at: number): boolean {
  return mentions.some((m) => m.unit === unit && at >= m.start && at < m.until);
}

/** Shapes of the item: code blocks not shown with an endpoint, and inline shapes outside endpoint sentences. */
export function readItemShapes(units: Unit[], mentions: Mention[], codeUsed: Set<number>): ItemShape[] {
  const out: ItemShape[] = [];
  for (const unit of units) {
    if (unit.kind === "code") {
      if (codeUsed.has(unit.index)) continue;
      const intro = units[unit.parent ?? unit.index - 1]?.text ?? "";
      const lastSentence = sentenceAt(intro, Math.max(0, intro.length - 1)).value;
      if (aboutErrors(lastSentence)) continue;
      const shape = parseShape(unit.text, unit.lang);
      if (shape) out.push({ shape, bodyFor: bodyMethods(lastSentence) });
      continue;
    }
    const sentences = splitSentences(unit.text);
    for (const span of findJson(unit.text)) {
      if (inside(mentions, unit.index, span.start) || !looksLikeShape(span.raw)) continue;
      const sentence = sentences.find((s) => span.start >= s.start && span.start < s.end) ?? { value: unit.text, start: 0, end: unit.text.length };
      if (aboutErrors(unit.text.slice(sentence.start, span.start))) continue;
      const shape = parseShape(span.raw);
      if (shape) out.push({ shape, bodyFor: bodyMethods(sentence.value) });
    }
  }
  return out;
}

/** Marks the endpoints whose body is the item ("Body for POST and PUT:"). */
export function markItemBodies(drafts: EndpointDraft[], shapes: ItemShape[]): void {
  const methods = new Set(shapes.flatMap((s) => s.bodyFor));
  for (const draft of drafts) if (methods.has(draft.method) && draft.role !== "custom") draft.bodyIsResource = true;
}

/** With no collection, a shape written apart from the one GET endpoint that shows no answer is that answer. */
export function adoptAnswer(drafts: EndpointDraft[], shapes: ItemShape[]): void {
  const waiting = drafts.filter((d) => d.role === "custom" && d.method === "GET" && !d.response);
  const shape = shapes.find((s) => s.bodyFor.length === 0)?.shape;
  const draft = waiting[0];
  if (waiting.length !== 1 || !draft || !shape) return;
  draft.response = shape;
  if (shape.example) draft.examples.push({ params: {}, response: shape.example.value });
}
