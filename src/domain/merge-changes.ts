import type { FileChange } from "./forge.js";

/**
 * Folds a later step's changes into the earlier ones: one change per path, the later one wins,
 * so the commit holds each file once. A file created earlier and modified later stays "create".
 */
export function mergeChanges(earlier: readonly FileChange[], later: readonly FileChange[]): FileChange[] {
  const byPath = new Map<string, FileChange>(earlier.map((c) => [c.path, c]));
  for (const change of later) {
    const before = byPath.get(change.path);
    if (before?.action === "create" && change.action === "modify") byPath.set(change.path, { ...change, action: "create" });
    else if (before?.action === "create" && change.action === "delete") byPath.delete(change.path);
    else byPath.set(change.path, change);
  }
  return [...byPath.values()];
}
