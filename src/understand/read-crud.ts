import type { Unit } from "./markdown-units.js";
import { plain } from "./text-tools.js";

/** "Add a CRUD resource for books with title and author", "books CRUD", "a `notes` module". */
export interface CrudIntent {
  /** The collection's name as written ("books", "saved-searches"), when the words give one. */
  name?: string;
  unit: number;
  /** The words right after the name: "with title and author, stored in memory." */
  after: string;
}

const NAMED: RegExp[] = [
  /\bCRUD\b(?:\s+(?:resource|endpoints?|api|routes?|module|operations?|service))?\s+(?:for|of|on|over)\s+(?:the\s+|a\s+|an\s+)?([A-Za-z][\w-]*)/i,
  /\b([A-Za-z][\w-]*)\s+CRUD\b/i,
  /\b(?:a|an|the|new)\s+([A-Za-z][\w-]*)\s+(?:resource|collection|module|crud api|rest api)\b/i,
  /^(?:add\s+)?(?:an?\s+)?([A-Za-z][\w-]*)\s+(?:resource|collection)\b/i,
  /\b(?:resource|collection|module|crud endpoints|rest endpoints|rest api)\s+(?:for|of)\s+(?:the\s+|a\s+|an\s+)?([A-Za-z][\w-]*)/i,
];
// Words that sit where a collection's name would and are not one.
const NOT_A_NAME =
  /^(a|an|the|add|adds|full|simple|basic|complete|new|implement|create|build|plus|and|with|some|in-memory|memory|rest|restful|small|tiny|crud|api|json|http|this|that|our|my|your|same|existing|one|each|every|stored|whole|entire|sample|demo|classic|module|resource|collection|usual|standard|typical|proper|minimal|for|of|in|on|to|it|them|its|need|needs|want|wants|get|do|does|make|provide|implement|support|expose|without|plain|we|us|please|just|also|our)$/i;
/** Words that ask for a collection even when no endpoint is listed. */
export const COLLECTION_WORDS = /\bCRUD\b|\bresources?\b|\bcollection\b|\bREST(?:ful)?\s+API\b|\blist API\b|\bcreate,? read,? update,? (?:and )?delete\b/i;

export function readCrud(units: Unit[]): CrudIntent | undefined {
  // "The auth module" names a part of the code, not a collection: a module is a collection only
  // when the issue also asks for one (CRUD, a resource, a REST API).
  const asksForCollection = units.some((u) => u.kind !== "code" && COLLECTION_WORDS.test(u.text));
  for (const pattern of NAMED) {
    for (const unit of units) {
      if (unit.kind === "code") continue;
      const text = plain(unit.text);
      const m = pattern.exec(text);
      const name = m?.[1];
      if (!m || !name || NOT_A_NAME.test(name)) continue;
      if (/\bmodule\b/i.test(m[0]) && !asksForCollection) continue;
      return { name: name.toLowerCase(), unit: unit.index, after: text.slice(m.index + m[0].length) };
    }
  }
  const asked = units.find((u) => u.kind !== "code" && COLLECTION_WORDS.test(u.text));
  return asked ? { unit: asked.index, after: "" } : undefined;
}
