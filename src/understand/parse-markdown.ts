import type { Nodes, Parent, PhrasingContent, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";

// Parsing costs about 10 µs a character and deep nesting overflows the parser's stack: issue bodies
// are at most 64 KB (TaskSpec), and nothing a person writes nests 20 containers deep.
const MAX_MARKDOWN = 65_536;
export const MAX_NESTING = 20;

/** Drops container markers (`>`, `-`, `1.`) beyond MAX_NESTING at the start of a line. */
function flattenNesting(markdown: string): string {
  return markdown
    .split("\n")
    .map((line) => {
      let i = 0;
      let markers = 0;
      let cut = 0;
      while (i < line.length) {
        const m = /^[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?/.exec(line.slice(i, i + 16));
        if (!m) break;
        i += m[0].length;
        markers += 1;
        if (markers === MAX_NESTING) cut = i;
      }
      return markers > MAX_NESTING ? line.slice(0, cut) + line.slice(i) : line;
    })
    .join("\n");
}

/** GitHub-flavoured markdown (tables, task lists) as a tree. */
export function parseMarkdown(markdown: string): Root {
  return fromMarkdown(flattenNesting(markdown.slice(0, MAX_MARKDOWN)), {
    extensions: [gfm()],
    mdastExtensions: [gfmFromMarkdown()],
  });
}

/** Phrasing content as text, inline code between backticks. */
export function inlineText(nodes: readonly Nodes[], depth = 0): string {
  if (depth > MAX_NESTING) return "";
  let out = "";
  for (const node of nodes) {
    if (node.type === "text" || node.type === "html") out += node.value;
    else if (node.type === "inlineCode") out += `\`${node.value.replace(/`/g, "'")}\``;
    else if (node.type === "break") out += " ";
    else if (node.type === "image") out += node.alt ?? "";
    // `<int:id>` in prose parses as an autolink; it is a path parameter as written.
    else if (node.type === "link" && /^\w+:\w+$/.test(node.url) && inlineText(node.children, depth + 1) === node.url) out += `<${node.url}>`;
    else if (node.type === "paragraph" || node.type === "heading") out += `${inlineText(node.children, depth + 1)} `;
    else if ("children" in node) out += inlineText((node as Parent).children as PhrasingContent[], depth + 1);
  }
  return out;
}
