/** What a hidden marker tags: the status comment, the PR body, or a tickable checkbox. */
export type MarkerKind = "status" | "pr" | "tick";

export interface Marker {
  kind: MarkerKind;
  fields: Record<string, string>;
}

// Values are ids, numbers and command words; anything else could break out of the comment.
const SAFE_VALUE = /^[A-Za-z0-9_.-]+$/;
const MARKER = /<!--\s*archon:(status|pr|tick)((?:\s+[A-Za-z]+=[A-Za-z0-9_.-]+)*)\s*-->/g;

/** `<!-- archon:status task=42 -->`: invisible on GitHub, found again by {@link parseMarkers}. */
export function renderMarker(kind: MarkerKind, fields: Record<string, string | number>): string {
  const pairs = Object.entries(fields).map(([key, value]) => {
    const text = String(value);
    if (!/^[A-Za-z]+$/.test(key) || !SAFE_VALUE.test(text)) throw new Error(`unsafe marker field ${key}=${text}`);
    return ` ${key}=${text}`;
  });
  return `<!-- archon:${kind}${pairs.join("")} -->`;
}

/** Every marker in a text, in order. */
export function parseMarkers(text: string): Marker[] {
  return [...text.matchAll(MARKER)].map((match) => ({
    kind: match[1] as MarkerKind,
    fields: Object.fromEntries(
      (match[2] ?? "")
        .trim()
        .split(/\s+/)
        .filter((pair) => pair !== "")
        .map((pair) => pair.split("=", 2) as [string, string]),
    ),
  }));
}

/** The task id of the first marker of this kind, e.g. to recognise Archon's status comment. */
export function findMarkedTask(text: string, kind: MarkerKind): string | undefined {
  return parseMarkers(text).find((marker) => marker.kind === kind)?.fields.task;
}
