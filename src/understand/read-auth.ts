import type { AuthSpec } from "./spec.js";
import type { Unit } from "./markdown-units.js";
import { splitSentences } from "./text-tools.js";

const PUBLIC =
  /\bno auth(?:entication|orization)?\b|\bwithout (?:any )?auth(?:entication)?\b|\bno (?:token|login) (?:needed|required)\b|\b(?:is|stays?|remains?|keep it|be|make it|should be|kept|left)\s+public\b|\bpublic\s+(?:like|as|endpoint|route)\b|\bopen to (?:everyone|anyone)\b|\bdoes(?:n't| not) (?:need|require) (?:a |any )?(?:token|auth\w*|login)\b/i;
const PUBLIC_LIKE = /\bpublic\s+(?:like|as)\s+(?:the\s+)?`?([\w/.-]+)`?/i;
const THING = /\b(?:bearer|jwt|api[- ]?key|auth(?:entication|orization)?|token|logged[- ]in|login|credentials|protect(?:ed|s)?|secured?)\b/i;
const CUE = /\b(?:requires?|required|protect(?:ed|s)?|behind|needs? (?:a |the )?(?:valid )?(?:bearer |auth )?token|authenticated|guard(?:ed)?|secured?|reuse|same)\b/i;
const LIKE: RegExp[] = [
  /\breuse\s+(?:the\s+)?`([^`]+)`/i,
  /\bsame\b[^.]*?\bas\s+(?:the\s+|on\s+)?`([^`]+)`/i,
  /\bsame as (?:the |all )?(others|other endpoints|other routes|rest|existing ones)\b/i,
  /\blike\s+(?:the\s+)?`([^`]+)`/i,
  /\blike (?:the |all )?(others|other endpoints|rest)\b/i,
];

function scheme(sentence: string): Pick<Extract<AuthSpec, { kind: "required" }>, "scheme" | "header"> {
  if (/\bbearer\b|\bjwt\b|\bauthorization:\s*bearer/i.test(sentence)) return { scheme: "bearer" };
  const header = /`([\w-]+)`\s+header\b|\bheader\s+`([\w-]+)`|\b(X-[A-Za-z][\w-]*)\b/.exec(sentence);
  if (header) return { scheme: "header", header: header[1] ?? header[2] ?? header[3] ?? "" };
  return /\bheader\b/i.test(sentence) ? { scheme: "header" } : { scheme: "unknown" };
}

function likeOf(sentence: string): string | undefined {
  for (const pattern of LIKE) {
    const m = pattern.exec(sentence);
    if (m?.[1]) return /^(other endpoints|other routes|rest|existing ones)$/.test(m[1]) ? "others" : m[1].replace(/\(\)$/, "");
  }
  return undefined;
}

/** What the issue says about authentication: required (with the scheme and what to copy), public, or nothing. */
export function readAuth(units: Unit[]): AuthSpec {
  const sentences = units.filter((u) => u.kind !== "code").flatMap((u) => splitSentences(u.text).map((s) => s.value));
  for (const sentence of sentences) {
    if (PUBLIC.test(sentence) || !THING.test(sentence) || !CUE.test(sentence)) continue;
    const like = likeOf(sentence);
    return { kind: "required", ...(like ? { like } : {}), ...scheme(sentence) };
  }
  const open = sentences.find((s) => PUBLIC.test(s));
  if (!open) return { kind: "unspecified" };
  const like = PUBLIC_LIKE.exec(open)?.[1]?.replace(/[.,:;]+$/, "");
  return like && !/^(it|this|that|before|now|today)$/i.test(like) ? { kind: "public", like } : { kind: "public" };
}
