import type { EndpointDraft } from "./endpoint-draft.js";
import type { Unit } from "./markdown-units.js";
import { singularOf } from "./inflect-words.js";
import { isParam, segmentsOf } from "./normalize-path.js";
import { blankCode, isStatusCode } from "./text-tools.js";

const ID_NAMES = /^(id|uuid|guid|key|slug|code|pk|handle)$|(_id|Id|ID|_uuid|Uuid|_key|_slug)$/;
const LIST_WORDS = /\b(?:list(?:s|ing)?\s+(?:all|every|the|of)|lists\s+[a-z-]+s\b|all\s+(?:the\s+|of\s+the\s+)?[a-z-]+s\b|array of|every\s+[a-z-]+|paginated|the whole list|the list of)\b/i;
const CREATE_WORDS = /\b201\b|\bcreat(?:e|es|ing|ed)\b|\badds? (?:a|an|one|new)\b|\bstores?\b/i;
const COUNT_WORDS = /\b(?:number of|how many|count)\b/i;

function parentPath(segments: string[]): string {
  return `/${segments.slice(0, -1).join("/")}`;
}

/** `:id`, `{note_id}`, `:userId`, or a name that starts with the collection's singular (`:username` on `/users`). */
export function isIdParam(param: string, collectionSegment: string): boolean {
  const singular = singularOf(collectionSegment.toLowerCase()).replace(/[^a-z0-9]/g, "");
  return ID_NAMES.test(param) || (singular.length > 2 && param.toLowerCase().startsWith(singular));
}

/** The words after each mention, with the items nested under it ("- `POST /books`\n  - 201 with the created book"). */
function mentionText(draft: EndpointDraft, units: Unit[]): string {
  const parts: string[] = [];
  for (const m of draft.mentions.slice(0, 10)) {
    const unit = units[m.unit];
    // Blank the whole unit before cutting it, so a cut inside inline code does not flip code and prose.
    parts.push(blankCode(unit?.text ?? "", isStatusCode).slice(m.end, m.until));
    if (unit && m.until === unit.text.length) parts.push(...units.filter((u) => u.parent === m.unit && u.kind === "item").map((u) => blankCode(u.text, isStatusCode)));
  }
  return parts.join(" ");
}

function countKey(draft: EndpointDraft): string | undefined {
  const value = draft.response?.example?.value;
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  if (entries.length !== 1) return undefined;
  const [key, v] = entries[0] ?? ["", null];
  return typeof v === "number" || draft.response?.example?.free.includes(key) ? key : undefined;
}

function itemRole(draft: EndpointDraft, units: Unit[]): EndpointDraft["role"] {
  // A redirect answers with a location, not the item.
  if (draft.method === "GET") return /\bredirect/i.test(mentionText(draft, units)) ? "custom" : "get";
  if (draft.method === "PATCH") return "update";
  if (draft.method === "DELETE") return "delete";
  if (draft.method === "PUT") return /\bpartial(?:ly)?\b|\bonly the (?:given|sent|provided)\b/i.test(mentionText(draft, units)) ? "update" : "replace";
  return "custom";
}

function readItemsAndCounts(drafts: EndpointDraft[], units: Unit[]): Set<string> {
  const collections = new Set<string>();
  for (const draft of drafts) {
    const segments = segmentsOf(draft.path);
    const last = segments.at(-1);
    const before = segments.at(-2);
    if (isParam(last) && before && !isParam(before) && isIdParam(last?.slice(1) ?? "", before)) {
      draft.role = itemRole(draft, units);
      if (draft.role !== "custom") draft.collection = parentPath(segments);
    } else if (draft.method === "GET" && segments.length > 1 && (last === "count" || (countKey(draft) && COUNT_WORDS.test(mentionText(draft, units))))) {
      draft.role = "count";
      draft.collection = parentPath(segments);
    }
    if (draft.collection) collections.add(draft.collection);
  }
  return collections;
}

/**
 * Roles from method, path and words: items and counts first, then lists and creations on the
 * collections they imply (or that the words ask for); everything else is custom.
 */
export function inferRoles(drafts: EndpointDraft[], units: Unit[], crudPath: string | undefined): void {
  const collections = readItemsAndCounts(drafts, units);
  if (crudPath) collections.add(crudPath);
  const open = drafts.filter((d) => d.role === "custom" && !d.collection && d.path !== "/" && !isParam(segmentsOf(d.path).at(-1)));
  // Creations first: a POST that creates makes its path a collection for the GET beside it.
  for (const draft of open.filter((d) => d.method === "POST")) {
    if (collections.has(draft.path) || CREATE_WORDS.test(mentionText(draft, units))) {
      draft.role = "create";
      draft.collection = draft.path;
      collections.add(draft.path);
    }
  }
  for (const draft of open.filter((d) => d.method === "GET")) {
    const example = draft.response?.example?.value;
    const objectAnswer = example !== undefined && example !== null && typeof example === "object" && !Array.isArray(example) && !Object.values(example).some(Array.isArray);
    // An array answer makes a list only on a plural path: `/api/books/search` answering an array is a search.
    const last = segmentsOf(draft.path).at(-1) ?? "";
    const arrayOfItems = Array.isArray(example) && singularOf(last) !== last.toLowerCase();
    if (!objectAnswer && (collections.has(draft.path) || arrayOfItems || LIST_WORDS.test(mentionText(draft, units)))) {
      draft.role = "list";
      draft.collection = draft.path;
    }
  }
}
