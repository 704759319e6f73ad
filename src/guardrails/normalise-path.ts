export type NormalisedPath = { ok: true; path: string } | { ok: false; reason: string };

/**
 * A repository-relative POSIX path, or the reason it is not one. Nothing is resolved against a
 * file system: `..` is refused outright rather than collapsed, so no spelling can leave the tree.
 */
export function normalisePath(raw: string): NormalisedPath {
  if (raw.includes("\0")) return { ok: false, reason: "contains a NUL character" };
  if ([...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return { ok: false, reason: "contains a control character" };
  if (raw.includes("\\")) return { ok: false, reason: "contains a backslash; use forward slashes" };
  if (raw.startsWith("/") || /^[A-Za-z]:/.test(raw)) return { ok: false, reason: "is absolute; paths must be relative to the repository root" };
  if (raw.startsWith("~")) return { ok: false, reason: "starts with ~; paths must be relative to the repository root" };
  const parts = raw.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.includes("..")) return { ok: false, reason: "contains `..` and could leave the repository" };
  if (parts.length === 0) return { ok: false, reason: "is empty or names the repository root" };
  if (raw.endsWith("/")) return { ok: false, reason: "names a directory, not a file" };
  return { ok: true, path: parts.join("/") };
}
