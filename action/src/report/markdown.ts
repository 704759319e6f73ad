/** Text inside a table cell: one line, no pipes, no HTML. */
export function cell(text: string): string {
  return inline(text).replace(/\s*\n\s*/g, " ");
}

/** Text in running markdown that must read literally (test names come from the tested code). */
export function inline(text: string): string {
  return text
    .replace(/[\\`*_[\]|#]/g, "\\$&")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;");
}

/** A fenced block that cannot be closed early by backticks in the text. */
export function codeBlock(text: string): string {
  const longestRun = Math.max(2, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const fence = "`".repeat(longestRun + 1);
  return `${fence}text\n${text}\n${fence}`;
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}

export function seconds(value: number): string {
  if (value < 1) return `${Math.round(value * 1000)} ms`;
  if (value < 60) return `${value.toFixed(2)} s`;
  const minutes = Math.floor(value / 60);
  return `${minutes} min ${Math.round(value - minutes * 60)} s`;
}
