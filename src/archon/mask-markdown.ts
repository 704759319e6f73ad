const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const QUOTE = /^ {0,3}>/;
// A code span: a run of backticks closed by a run of the same length, within one paragraph.
const CODE_SPAN = /(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n)[\s\S])*?[^`])\1(?!`)/g;

/**
 * Blanks out the parts of a comment that quote rather than say: fenced code blocks, `>` quotes and
 * inline code. Returns the lines with the same count and lengths as the input, so a line found in
 * the mask can be read back from the original.
 */
export function maskQuotedText(text: string): string[] {
  const lines = text.split("\n");
  let fence: string | undefined;
  const masked = lines.map((line) => {
    const match = FENCE.exec(line);
    if (fence !== undefined) {
      if (match?.[1] && match[1][0] === fence[0] && match[1].length >= fence.length) fence = undefined;
      return blank(line);
    }
    if (match?.[1]) {
      fence = match[1];
      return blank(line);
    }
    return QUOTE.test(line) ? blank(line) : line;
  });
  return masked
    .join("\n")
    .replace(CODE_SPAN, (span) => span.replace(/[^\n]/g, " "))
    .split("\n");
}

function blank(line: string): string {
  return " ".repeat(line.length);
}
