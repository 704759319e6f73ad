/** Field names after a collection's name: "with title and author", "with fields `title`, `year` and a `rating`". */

const LEAD = /(?:^|[\s,])(?:with|having|that (?:has|have)|containing|holding)\s+(?:the\s+|these\s+)?(?:fields?|properties|attributes)?\s*:?\s*/i;
// Words that end a list of names: what comes after is about something else.
const NOT_A_FIELD = /^(in|on|at|to|for|from|by|via|using|stored|kept|saved|persisted|memory|database|db|endpoints?|routes?|tests?|please|that|which|where|when|so|plus|also|etc|crud|rest|restful|api|json|http|demo|only|auth|authenticated|public|private|simple|basic)$/i;

export function readCrudFields(after: string): string[] {
  // "CRUD for cities (name, country)"
  const inParentheses = /^\s*\(([^)]*)\)/.exec(after)?.[1];
  // "…, with title and author" anywhere in the sentence that names the collection.
  const sentence = after.split(/[.!?](?:\s|$)|\n/)[0] ?? "";
  const lead = LEAD.exec(sentence);
  if (!lead && inParentheses === undefined) return [];
  const list = inParentheses ?? sentence.slice((lead?.index ?? 0) + (lead?.[0].length ?? 0)).split(/[;:]|\s[–—-]\s/)[0] ?? "";
  const names: string[] = [];
  const parts = list.split(/\s*,\s*|\s+and\s+|\s+or\s+/);
  // "(CRUD, in-memory)" describes the collection; a list in parentheses is fields only when every entry is one.
  if (inParentheses !== undefined && parts.some((p) => p.split(/\s+/).some((w) => NOT_A_FIELD.test(w.replace(/[`"']/g, "")) || /-/.test(w)))) return [];
  for (const raw of parts) {
    const words = raw
      .replace(/\([^)]*\)/g, " ")
      .replace(/[`"']/g, "")
      .trim()
      .split(/\s+/)
      .filter((w) => !/^(a|an|the|its|their|optional|required)$/i.test(w));
    if (words.length === 0 || words.length > 2 || words.some((w) => NOT_A_FIELD.test(w) || !/^[A-Za-z_][\w]*$/.test(w))) break;
    names.push(words.map((w) => w.toLowerCase()).join("_"));
  }
  return names;
}
