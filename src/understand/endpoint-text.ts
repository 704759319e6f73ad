import type { EndpointDraft } from "./endpoint-draft.js";
import type { Mention } from "./find-endpoints.js";
import type { Unit } from "./markdown-units.js";

// Enough for every sentence about one endpoint; more is another endpoint's story.
const MAX_TEXT = 2_000;

/** The words about an endpoint: the units naming it and those that follow, up to the next endpoint or heading. */
export function endpointText(draft: EndpointDraft, units: Unit[], mentions: Mention[], fallback: string): string {
  const withMention = new Set(mentions.map((m) => m.unit));
  const parts: string[] = [];
  for (const unit of [...new Set(draft.mentions.map((m) => m.unit))]) {
    parts.push(units[unit]?.text ?? "");
    for (let i = unit + 1; i < units.length; i += 1) {
      const next = units[i];
      if (!next || withMention.has(i) || next.kind === "heading" || next.kind === "title") break;
      if (units[unit]?.kind === "item" && next.kind === "item" && next.parent !== unit) break;
      parts.push(next.text);
    }
  }
  const text = parts.join("\n").trim() || fallback;
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}
