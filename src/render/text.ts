/**
 * Untrusted text (issue titles, agent summaries, error messages) made safe for one line of
 * markdown: no raw HTML (so no fake markers and no hidden comments), no @-mentions that would
 * ping people on every edit, no line breaks that would escape a list item or heading.
 */
export function inline(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return cut
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@(?=\w)/g, "&#64;");
}

/** Several lines of untrusted text as a markdown quote, safe as {@link inline} is. */
export function quote(text: string, maxLines = 20): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const shown = lines.slice(0, maxLines).map((l) => `> ${inline(l, 500)}`);
  if (lines.length > maxLines) shown.push(`> … ${lines.length - maxLines} more lines`);
  return shown.join("\n");
}

/** Joins non-empty sections with a blank line between them. */
export function joinSections(sections: readonly (string | undefined)[]): string {
  return sections.filter((s): s is string => s !== undefined && s.trim() !== "").join("\n\n") + "\n";
}
