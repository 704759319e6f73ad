/** Small helpers over one unit's text, where inline code is kept between backticks. */

export interface Span {
  value: string;
  start: number;
  end: number;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Words whose trailing dot does not end a sentence ("e.g. `{ ... }`").
const ABBREVIATIONS = /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|approx|incl|cf|resp|ca)$/i;

export function isIdentifier(text: string): boolean {
  return IDENTIFIER.test(text);
}

/** Inline code spans: `value` without backticks, `start`/`end` around the backticks. */
export function codeSpans(text: string): Span[] {
  const spans: Span[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] !== "`") continue;
    if (open < 0) open = i;
    else {
      spans.push({ value: text.slice(open + 1, i), start: open, end: i + 1 });
      open = -1;
    }
  }
  return spans;
}

/** The text with every code span's content replaced by spaces, unless `keep` says otherwise; offsets stay valid. */
export function blankCode(text: string, keep: (value: string) => boolean = () => false): string {
  const parts: string[] = [];
  let last = 0;
  for (const span of codeSpans(text)) {
    if (keep(span.value)) continue;
    parts.push(text.slice(last, span.start + 1), " ".repeat(span.end - span.start - 2));
    last = span.end - 1;
  }
  parts.push(text.slice(last));
  return parts.join("");
}

// Sentences people write are short; a longer run is cut so that no reader scans a whole body per word.
const MAX_SENTENCE = 1_000;

/** Sentences of a unit, never split inside code or after "e.g."; runs longer than MAX_SENTENCE are cut. */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  let inCode = false;
  const push = (end: number): void => {
    for (let from = start; from < end; from += MAX_SENTENCE) {
      const to = Math.min(end, from + MAX_SENTENCE);
      const value = text.slice(from, to);
      if (value.trim() !== "") out.push({ value, start: from, end: to });
    }
    start = end;
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === "`") inCode = !inCode;
    if (c === "\n") {
      push(i + 1);
      inCode = false;
      continue;
    }
    if (inCode || (c !== "." && c !== "!" && c !== "?")) continue;
    if (!/^[ \t]+[A-Z0-9`"'(*]/.test(text.slice(i + 1, i + 8))) continue;
    if (c === "." && ABBREVIATIONS.test(text.slice(Math.max(0, i - 8), i))) continue;
    push(i + 1);
  }
  push(text.length);
  return out;
}

/** The sentence of `text` that holds offset `at`. */
export function sentenceAt(text: string, at: number): Span {
  for (const sentence of splitSentences(text)) if (at >= sentence.start && at < sentence.end) return sentence;
  return { value: text, start: 0, end: text.length };
}

/** Text without backticks, for messages and matching. */
export function plain(text: string): string {
  return text.replace(/`/g, "");
}

/** Lower-case words of a text, code included. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9_]+/g) ?? [];
}

/** Inline code that is only a status: `201`, `404 Not Found`, `HTTP 204`. */
export function isStatusCode(value: string): boolean {
  return /^\s*(?:HTTP\s*)?[1-5]\d\d(?:\s+[A-Za-z' ]{0,30})?\s*$/i.test(value);
}
