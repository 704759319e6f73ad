/**
 * Untrusted text is cleaned before a model sees it: what a person cannot see on GitHub must not
 * steer an agent, and no secret may reach a prompt (a prompt is sent to a third party and may be
 * echoed back into a pull request).
 */

export const REDACTED = "[redacted]";

// Characters that render as nothing yet reach a model intact: zero-width and joiners
// (U+200B-U+200F), word joiner and invisible operators (U+2060-U+2064), the byte-order mark,
// bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the soft hyphen,
// the Arabic letter mark, the Mongolian vowel separator, the combining grapheme joiner, Hangul
// fillers, the interlinear annotation marks, and Unicode tag characters (U+E0000-U+E007F), which
// can spell out whole ASCII instructions invisibly.
const INVISIBLE =
  /\u034F|\u1160|\u17B4|\u17B5|[\u00AD\u061C\u115F\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]|[\u{E0000}-\u{E007F}]/gu;

// An unterminated comment hides everything after it on GitHub, so it is stripped to the end.
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

// `[//]: # (text)` and friends: link reference definitions pointing nowhere are the markdown
// idiom for a comment; GitHub renders nothing for them.
const MARKDOWN_COMMENT = /^ {0,3}\[[^\]\n]+\]:[ \t]*(?:#|<>)(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$\n?/gm;

/** Removes invisible characters only; for file contents, where HTML comments are real content. */
export function stripInvisibleCharacters(text: string): string {
  return text.replace(INVISIBLE, "");
}

/** Removes what GitHub does not show: HTML comments, markdown comments, invisible characters. */
export function stripHiddenText(text: string): string {
  // Invisible characters first, so they cannot split a comment's delimiters and hide it.
  return stripInvisibleCharacters(text).replace(HTML_COMMENT, "").replace(MARKDOWN_COMMENT, "");
}

// Shapes of credentials even when the value is not known to us.
const SECRET_PATTERNS: RegExp[] = [
  // PEM private keys (RSA, EC, OPENSSH, ENCRYPTED, plain); an unterminated block is cut to the end.
  /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g,
  // GitHub personal, OAuth, user-to-server, server-to-server and refresh tokens.
  /\bgh[pousr]_[A-Za-z0-9_]{20,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  // OpenAI keys: sk-..., sk-proj-..., sk-svcacct-...
  /\bsk-[A-Za-z0-9_-]{20,}/g,
  // AWS access key ids.
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
];

// A known secret shorter than this would redact ordinary words.
const MIN_SECRET_LENGTH = 6;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Replaces every known secret value, and anything shaped like a credential, with `[redacted]`.
 * Multi-line secrets (PEM keys) are also matched with their newlines written as `\n`, the way they
 * sit in environment files.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  const known = new Set<string>();
  for (const secret of secrets) {
    const value = secret.trim();
    if (value.length < MIN_SECRET_LENGTH) continue;
    known.add(value);
    if (value.includes("\n")) known.add(value.replace(/\r?\n/g, "\\n"));
  }
  let result = text;
  // Longest first, so a secret that contains another is replaced whole.
  for (const value of [...known].sort((a, b) => b.length - a.length)) {
    result = result.replace(new RegExp(escapeRegExp(value), "g"), REDACTED);
  }
  for (const pattern of SECRET_PATTERNS) result = result.replace(pattern, REDACTED);
  return result;
}

/** Both cleaners, for text that came from a person or from CI. */
export function sanitizeUntrusted(text: string, secrets: readonly string[] = []): string {
  return redactSecrets(stripHiddenText(text), secrets);
}
