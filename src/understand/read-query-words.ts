import type { EndpointDraft } from "./endpoint-draft.js";
import type { Unit } from "./markdown-units.js";

// "an optional `limit` query parameter", "the query param `q`", "`?page=`".
const QUERY_WORDS = /`(\w+)`\s+(?:query[- ](?:param(?:eter)?|string)|search param(?:eter)?)s?\b|\bquery[- ](?:param(?:eter)?|string)s?\s+`(\w+)`|`\?(\w+)=?[^`\s]*`/gi;

/** Query parameters named in words, added to the endpoint of the same unit or to the only GET endpoint. */
export function readQueryWords(units: Unit[], drafts: EndpointDraft[]): void {
  const gets = drafts.filter((d) => d.method === "GET");
  for (const unit of units) {
    if (unit.kind === "code") continue;
    for (const m of unit.text.matchAll(QUERY_WORDS)) {
      const name = m[1] ?? m[2] ?? m[3];
      const owner = drafts.find((d) => d.mentions.some((x) => x.unit === unit.index && x.start <= m.index)) ?? (gets.length === 1 ? gets[0] : undefined);
      if (name && owner && !owner.query.some(([k]) => k === name)) owner.query.push([name, ""]);
    }
  }
}
