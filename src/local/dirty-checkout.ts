import { git } from "../repo/git.js";

/** Paths named in the warning; the rest are counted. */
const SHOWN = 3;

/** Paths from `git status --porcelain -z`: a rename's entry is followed by its old path, skipped. */
function changedPaths(porcelain: string): string[] {
  const entries = porcelain.split("\0").filter((e) => e !== "");
  const paths: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    paths.push(entry.slice(3));
    if (entry[0] === "R" || entry[0] === "C") i++;
  }
  return paths;
}

/**
 * One line for a checkout with uncommitted changes (modified, staged, or new and not ignored),
 * which Archon leaves out since it works on the last commit; undefined for a clean checkout.
 */
export async function describeDirtyCheckout(root: string): Promise<string | undefined> {
  const paths = changedPaths(await git(root, ["status", "--porcelain", "-z"]));
  if (paths.length === 0) return undefined;
  const shown = paths.slice(0, SHOWN).join(", ");
  const list = paths.length > SHOWN ? `${shown} and ${paths.length - SHOWN} more` : shown;
  const what = paths.length === 1 ? "1 uncommitted change is" : `${paths.length} uncommitted changes are`;
  const head = await git(root, ["rev-parse", "--short=7", "--verify", "--quiet", "HEAD"]).catch(() => "");
  const base = head.trim() === "" ? "there is no commit yet" : `Archon works on the last commit, ${head.trim()}`;
  return `${what} left out (${list}): ${base}.`;
}
