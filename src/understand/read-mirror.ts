import type { Unit } from "./markdown-units.js";
import { splitSentences } from "./text-tools.js";

export const TEST_WORDS = /\btest(?:s|ed|ing)?\b|\bspecs?\b/i;
// Sentences about auth or storage say "like X" about those, not about the code to follow.
const OTHER_LIKES = /\b(?:auth\w*|token|bearer|protect\w*|public|store|stored|storage|memory|persist\w*|data)\b/i;
const NOT_A_MODEL = /^(existing|same|other|others|rest|usual|one|ones|it|this|that|these|those)$/i;

/** Most explicit first; `saysLike` marks the plain "like X", which auth and storage sentences use for their own ends. */
const FOLLOW: Array<{ pattern: RegExp; saysLike: boolean }> = [
  { pattern: /\bfollow(?:ing|s)?\s+(?:the\s+)?(?:structure|pattern|layout|style|shape|example|conventions?|design)\s+(?:of|in|from|used (?:in|by))\s+(?:the\s+)?`([^`]+)`/i, saysLike: false },
  { pattern: /\bfollow(?:ing|s)?\s+(?:the\s+)?`([^`]+)`/i, saysLike: false },
  { pattern: /\b(?:mirror(?:ing|s)?|based on|modell?ed (?:on|after)|same (?:structure|layout|pattern|shape) as|copy(?:ing)?)\s+(?:the\s+)?`([^`]+)`/i, saysLike: false },
  { pattern: /\bnext to\s+(?:the\s+)?`([^`]+)`/i, saysLike: false },
  { pattern: /\blike\s+(?:the\s+)?`([^`]+)`/i, saysLike: true },
  { pattern: /\bnext to the ([a-z][\w-]*)\b/i, saysLike: false },
];

/** What the issue says to follow: "like `example`", "following the structure of `src/modules/url-shortener`". */
export function readMirror(units: Unit[]): string | undefined {
  const sentences = units.filter((u) => u.kind !== "code").flatMap((u) => splitSentences(u.text).map((s) => s.value));
  for (const { pattern, saysLike } of FOLLOW) {
    for (const sentence of sentences) {
      if (TEST_WORDS.test(sentence) || (saysLike && OTHER_LIKES.test(sentence))) continue;
      const found = pattern.exec(sentence)?.[1]?.trim().replace(/[.,:;]+$/, "");
      if (found && !NOT_A_MODEL.test(found)) return found;
    }
  }
  return undefined;
}
