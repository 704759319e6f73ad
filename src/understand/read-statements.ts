import type { Unit } from "./markdown-units.js";
import type { FieldFacts } from "./field-facts.js";
import { parseShape } from "./parse-shape.js";
import { readPredicate, saysSomething } from "./read-predicate.js";
import { blankCode, codeSpans, isIdentifier, splitSentences } from "./text-tools.js";

/** What one phrase says about one or more named things: "`name` and `email` are required". */
export interface Statement {
  names: string[];
  facts: FieldFacts;
  /** Written so that it introduces a field ("`year` (integer, optional)"), not only qualifies a known one. */
  introduces: boolean;
  unit: number;
}

interface Subject {
  name: string;
  start: number;
  end: number;
  code: boolean;
}

const LITERALS = /^(true|false|null|none|nil|undefined|yes|no)$/i;
const SEPARATOR = /,\s*(?:and\s+|or\s+)?|;\s*|\s+and\s+|\s+or\s+/g;
// A list introduced as fields: "Fields:", "A product has:", "Body:", "with these fields:".
const FIELD_INTRO = /\b(?:fields?|properties|attributes|columns|keys|has|have|holds?|contains?|shape|model|body|payload|schema|looks like)\b[^.]*:\s*$/i;
const LEADING_NAME = /^\s*(`?)([A-Za-z_]\w*)\1\s*(?=[:(–—,-]|\s+(?:is|are|must|should|can|may|defaults?|from|between|one of)\b)/;
const CLAUSE_START = /(?:^|[,;:(–—-]|\band\b|\bor\b|\bbut\b|\bif\b|\bwhen\b|\bwhile\b)\s*(?:(?:the|a|an|its|each|every|also|then)\s+)*$/i;
const SHARED = /^\s*(?:are|is|must|should|can|may|have|has|need|needs|default|defaults|both|each|all)\b/i;
const MAX_SENTENCE = 2_000;
const MAX_KNOWN = 60;

function subjectsIn(text: string, known: Set<string>): Subject[] {
  const out: Subject[] = [];
  for (const span of codeSpans(text)) {
    // `{num}`, `:id` and `<id>` name the path parameter.
    const name = span.value.trim().replace(/^\{(\w+)\}$|^:(\w+)$|^<(\w+)>$/, "$1$2$3");
    if (isIdentifier(name) && !LITERALS.test(name)) out.push({ name, start: span.start, end: span.end, code: true });
  }
  const blank = blankCode(text);
  for (const name of known) {
    if (name.length < 2 || !isIdentifier(name)) continue;
    for (const m of blank.matchAll(new RegExp(`(?<![\\w\`-])${name}(?![\\w\`-])`, "g"))) {
      // A bare name is a subject only where a clause starts: "the name is missing", not "a valid email".
      if (CLAUSE_START.test(blank.slice(Math.max(0, m.index - 40), m.index))) out.push({ name, start: m.index, end: m.index + name.length, code: false });
    }
  }
  return out.sort((a, b) => a.start - b.start).filter((s, i, all) => i === 0 || s.start >= (all[i - 1]?.end ?? 0));
}

/** Splits the words between two subjects at the last separator outside parentheses: what follows the first, what precedes the second. */
function splitBetween(between: string): [string, string] {
  let cut = -1;
  let cutEnd = -1;
  const blanked = blankCode(between);
  for (const m of blanked.matchAll(SEPARATOR)) {
    const depth = (blanked.slice(0, m.index).match(/\(/g)?.length ?? 0) - (blanked.slice(0, m.index).match(/\)/g)?.length ?? 0);
    if (depth <= 0) {
      cut = m.index;
      cutEnd = m.index + m[0].length;
    }
  }
  return cut < 0 ? [between, ""] : [between.slice(0, cut), between.slice(cutEnd)];
}

function lastWords(text: string, count: number): string {
  return text.trim().split(/\s+/).slice(-count).join(" ");
}

/** Keeps inline code that is a value (`false`, `medium`, `@`); shapes and declarations belong to other readers. */
function withoutShapes(text: string): string {
  return blankCode(text, (v) => /^[\w@.+-]{1,40}$|^"[^"]*"$|^'[^']*'$/.test(v.trim()));
}

function sentenceStatements(sentence: string, known: Set<string>, unit: number): Statement[] {
  const subjects = subjectsIn(sentence, known);
  const out: Statement[] = [];
  let group: Subject[] = [];
  let pre = lastWords(splitBetween(sentence.slice(0, subjects[0]?.start ?? 0))[1] || sentence.slice(0, subjects[0]?.start ?? 0), 5);
  for (const [i, subject] of subjects.entries()) {
    const next = subjects[i + 1];
    const rest = sentence.slice(subject.end, next ? next.start : sentence.length);
    // The last subject keeps its words up to the next clause; the others hand their last clause to the next subject.
    const [post, nextPre] = next ? splitBetween(rest) : [rest.split(/;\s/)[0] ?? "", ""];
    group.push(subject);
    if (next && post.trim() === "") continue;
    const facts = readPredicate(withoutShapes(`${pre} ${post}`));
    // "`name` and `email` are required" shares its verb; "`title` and a `done` flag (boolean)" does not.
    const own = !SHARED.test(post);
    for (const member of group) {
      const mine = !own || member === subject;
      out.push({ names: [member.name], facts: mine ? facts : {}, introduces: member.code && saysSomething(facts), unit });
    }
    group = [];
    pre = lastWords(nextPre, 5);
  }
  return out;
}

/** "- `priority`: one of low, medium, high" under "Fields:": the item's first word is a field. */
function itemStatement(unit: Unit, units: Unit[]): Statement | undefined {
  if (unit.kind !== "item" && unit.kind !== "row") return undefined;
  const m = LEADING_NAME.exec(unit.text);
  if (!m) return undefined;
  const intro = unit.parent === undefined ? undefined : units[unit.parent];
  const listed = intro !== undefined && intro.kind !== "item" && FIELD_INTRO.test(intro.text);
  const facts = readPredicate(withoutShapes(unit.text.slice(m[0].length)));
  if (!listed && !saysSomething(facts)) return undefined;
  return { names: [m[2] ?? ""], facts, introduces: listed || m[1] === "`", unit: unit.index };
}

/** `title: str`, `done?: boolean` in inline code: a declaration of one field. */
function typedSpans(unit: Unit): Statement[] {
  const out: Statement[] = [];
  for (const span of codeSpans(unit.text)) {
    if (!/^\s*\w+\??\s*:\s*\S/.test(span.value) || /[{}]/.test(span.value)) continue;
    for (const field of parseShape(`{ ${span.value} }`)?.fields ?? []) out.push({ names: [field.name], facts: field.facts, introduces: true, unit: unit.index });
  }
  return out;
}

/** Statements about named fields and parameters, in the order written. */
export function readStatements(units: Unit[], knownNames: Set<string>): Statement[] {
  const out: Statement[] = [];
  // Every known name is a pattern run over every sentence; real issues name a few dozen at most.
  const known = new Set([...knownNames].slice(0, MAX_KNOWN));
  for (const unit of units) {
    if (unit.kind === "code") continue;
    out.push(...typedSpans(unit));
    const item = itemStatement(unit, units);
    if (item) {
      out.push(item);
      continue;
    }
    for (const sentence of splitSentences(unit.text)) {
      if (sentence.value.length <= MAX_SENTENCE) out.push(...sentenceStatements(sentence.value, known, unit.index));
    }
  }
  return out;
}
