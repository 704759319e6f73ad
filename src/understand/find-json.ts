/** Where JSON-like text sits in a unit: balanced `{...}` or `[{...}]`, quotes respected. */

export interface JsonSpan {
  raw: string;
  start: number;
  end: number;
}

// Examples in issues are small; a longer run of braces is not one, and a text that keeps failing to
// close its braces is not worth scanning further.
const MAX_JSON = 5_000;
const MAX_FAILURES = 50;
const MAX_SPANS = 100;

function closing(text: string, start: number): number {
  const stack: string[] = [];
  let quote = "";
  const limit = Math.min(text.length, start + MAX_JSON);
  for (let i = start; i < limit; i += 1) {
    const c = text[i] ?? "";
    if (quote) {
      if (c === "\\") i += 1;
      else if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "{" || c === "[") stack.push(c === "{" ? "}" : "]");
    else if (c === "}" || c === "]") {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i + 1;
    } else if (c === "\n" && text[i + 1] === "\n") return -1;
  }
  return -1;
}

export function findJson(text: string, from = 0, to = text.length): JsonSpan[] {
  const spans: JsonSpan[] = [];
  let failures = 0;
  for (let i = from; i < to && failures < MAX_FAILURES && spans.length < MAX_SPANS; i += 1) {
    const c = text[i];
    if (c !== "{" && c !== "[") continue;
    if (c === "[" && !/^\[\s*[{"'\d\]-]/.test(text.slice(i, i + 4))) continue;
    const end = closing(text, i);
    if (end < 0 || end > to) {
      failures += 1;
      continue;
    }
    spans.push({ raw: text.slice(i, end), start: i, end });
    i = end - 1;
  }
  return spans;
}
