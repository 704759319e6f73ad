export interface MarkdownSection {
  /** Heading text, or null for what comes before the first heading. */
  heading: string | null;
  content: string;
}

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Splits markdown at ATX headings (any level), leaving headings inside fenced code alone. */
export function splitSections(markdown: string): MarkdownSection[] {
  const sections: MarkdownSection[] = [];
  let current: { heading: string | null; lines: string[] } = { heading: null, lines: [] };
  let fence: string | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch?.[1]) {
      const marker = fenceMatch[1];
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
    }
    const heading = fence === undefined ? HEADING.exec(line) : null;
    if (heading && !fenceMatch) {
      sections.push({ heading: current.heading, content: current.lines.join("\n").trim() });
      current = { heading: heading[2] ?? "", lines: [] };
      continue;
    }
    current.lines.push(line);
  }
  sections.push({ heading: current.heading, content: current.lines.join("\n").trim() });
  return sections.filter((s) => s.heading !== null || s.content !== "");
}

const BULLET = /^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?/;
const CHECKBOX = /^\s*[-*+]\s+\[[ xX]\]\s+(.+)$/;

/** One item per non-empty line, bullets and checkboxes removed: the form's "one per line" fields. */
export function lineItems(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(BULLET, "").trim())
    .filter((line) => line !== "" && !isNoResponse(line));
}

/** Items of `- [ ]` / `- [x]` checklists anywhere in the text. */
export function checklistItems(text: string): string[] {
  const items: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = CHECKBOX.exec(line);
    if (match?.[1]) items.push(match[1].trim());
  }
  return items;
}

/** What GitHub writes for an issue form field left empty. */
export function isNoResponse(text: string): boolean {
  return text.trim() === "_No response_";
}
