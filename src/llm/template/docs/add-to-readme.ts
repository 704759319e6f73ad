import type { Blueprint } from "../blueprint/blueprint.js";
import { capitalise, describeEndpoint, type PathStyle } from "./describe-endpoint.js";

const API_HEADING = /^(#{1,4})\s+(?:the\s+)?(?:rest\s+|http\s+)?(api|endpoints|routes|api reference)\b.*$/im;

/**
 * Adds the new endpoints to the README's API section, as a bullet or a table row like the ones
 * already there. Undefined when the README keeps no such section.
 */
export function addToReadme(readme: string, bp: Blueprint, path: PathStyle): string | undefined {
  const heading = API_HEADING.exec(readme);
  if (!heading) return undefined;
  const level = heading[1]!.length;
  const start = (heading.index ?? 0) + heading[0].length;
  const next = new RegExp(`^#{1,${level}}\\s`, "m").exec(readme.slice(start));
  const end = next ? start + (next.index ?? 0) : readme.length;
  const section = readme.slice(start, end);
  const lines = section.split("\n");
  const rowIndex = lines.map((l, i) => (/^\|.*\|\s*$/.test(l) ? i : -1)).filter((i) => i >= 0).pop();
  const bulletIndex = lines.map((l, i) => (/^[-*]\s+`?(GET|POST|PUT|PATCH|DELETE)\b/.test(l) ? i : -1)).filter((i) => i >= 0).pop();
  let added: string[];
  let after: number;
  if (rowIndex !== undefined && (bulletIndex === undefined || rowIndex > bulletIndex)) {
    const columns = lines[rowIndex]!.split("|").length - 2;
    added = bp.endpoints.map((op) => {
      const cells = [op.method, `\`${path(op.path)}\``, `${capitalise(describeEndpoint(op, bp))}.`];
      while (cells.length < columns) cells.push("");
      return `| ${cells.slice(0, Math.max(columns, 1)).join(" | ")} |`;
    });
    after = rowIndex;
  } else if (bulletIndex !== undefined) {
    const model = lines[bulletIndex]!;
    const marker = model.startsWith("*") ? "*" : "-";
    const separator = / — /.test(model) ? " — " : / - /.test(model.replace(/^[-*]\s+/, "")) ? " - " : ": ";
    added = bp.endpoints.map((op) => `${marker} \`${op.method} ${path(op.path)}\`${separator}${describeEndpoint(op, bp)}.`);
    after = bulletIndex;
  } else {
    added = bp.endpoints.map((op) => `- \`${op.method} ${path(op.path)}\`: ${describeEndpoint(op, bp)}.`);
    after = lines.findLastIndex((l) => l.trim() !== "");
    if (after < 0) after = 0;
    added.unshift("");
  }
  lines.splice(after + 1, 0, ...added);
  return readme.slice(0, start) + lines.join("\n") + readme.slice(end);
}

