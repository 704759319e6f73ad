/** Keys end up inside an HTML comment: keep them to characters that cannot close it. */
function safeKey(key: string): string {
  return key.replace(/[^\w.:=/#@+-]/g, "_").replace(/-{2,}/g, "-");
}

/** Hidden marker that makes a comment or issue findable again: `<!-- archon:<kind> <key> -->`. */
export function hiddenMarker(kind: string, key: string): string {
  return `<!-- archon:${safeKey(kind)} ${safeKey(key)} -->`;
}

/** The body with its marker, added at the end when the caller did not place it. */
export function withMarker(body: string, marker: string): string {
  return body.includes(marker) ? body : `${body.trimEnd()}\n\n${marker}`;
}

/** GitHub stores text with CRLF from some clients; compare bodies line-ending blind. */
export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  return normalise(a) === normalise(b);
}

function normalise(text: string | null | undefined): string {
  return (text ?? "").replace(/\r\n/g, "\n").trim();
}
