import type { StorageSpec } from "./spec.js";
import type { Unit } from "./markdown-units.js";
import { splitSentences } from "./text-tools.js";

const SAME_STORE = /\b(?:same|shared)\b[^.]*?\b(?:in-memory\s+)?(?:storage|store|repository|repo|map|array|data ?store|database|db)\b(?:\s+(?:as|that|which)\s+(?:used by\s+)?([^.,;()]+))?/i;
const REUSE_STORE = /\b(?:reuse|use|share)\s+(?:the\s+)?`?([\w/.-]+?)`?(?:'s?)?\s+(?:storage|store|repository|repo)\b/i;
const INTO_STORE = /\b(?:stor|keep|kept|put|sav|persist)\w*\b[^.]*?\b(?:in|into|with)\s+(?:the\s+)?`?([\w/.-]+?)`?(?:'s?)?\s+(?:storage|store|repository|repo)\b/i;
const MEMORY = /\bin[- ]memory\b|\bno database\b|\bwithout a database\b|\bin an? (?:dict|map|list|array|plain object|variable)\b|\b(?:dict|map|list|array)\s+in memory\b|\bin RAM\b|\bno persistence\b|\bnot persisted\b/i;
const STORAGE_WORDS = /\b(?:store|stored|storage|keep|kept|persist\w*|save[sd]?|data)\b/i;
const LIKE = /\blike\s+(?:the\s+)?`?([\w/.-]+)`?/i;
// "the rest of the module", "the others": the existing store, but no name to follow.
const UNNAMED = /^(?:the\s+)?(?:rest|others?|existing|current|one|same|it|them|everything)\b/i;

function nameOf(raw: string | undefined): string | undefined {
  const text = (raw ?? "").trim().replace(/`/g, "").replace(/[.,:;]+$/, "");
  if (text === "" || UNNAMED.test(text)) return undefined;
  return text.replace(/^the\s+/i, "").replace(/\s+(?:service|module|resource|router|does|do|uses?)\b.*$/i, "").trim() || undefined;
}

function existing(like: string | undefined): StorageSpec {
  return like ? { kind: "existing", like } : { kind: "existing" };
}

/** Where the data lives: in memory, in an existing resource's store, or not said. */
export function readStorage(units: Unit[]): StorageSpec {
  const sentences = units.filter((u) => u.kind !== "code").flatMap((u) => splitSentences(u.text).map((s) => s.value));
  for (const sentence of sentences) {
    const same = SAME_STORE.exec(sentence);
    if (same) return existing(nameOf(same[1]));
    const reuse = REUSE_STORE.exec(sentence) ?? INTO_STORE.exec(sentence);
    if (reuse) return existing(nameOf(reuse[1]));
  }
  if (sentences.some((s) => MEMORY.test(s))) return { kind: "memory" };
  for (const sentence of sentences) {
    const like = STORAGE_WORDS.test(sentence) ? LIKE.exec(sentence) : null;
    if (like) return existing(nameOf(like[1]));
  }
  return { kind: "unspecified" };
}
