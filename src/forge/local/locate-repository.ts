import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { GitCommandError, git } from "../../repo/git.js";

export type RepositoryLocation =
  /** The path is the top of a git repository. */
  | { kind: "root"; root: string }
  /** The path is a folder inside another repository (an example in a monorepo, say). */
  | { kind: "inside"; root: string; dir: string }
  | { kind: "none"; dir: string }
  | { kind: "missing"; dir: string };

/** Says what a path given on the command line is, without changing anything. */
export async function locateRepository(dir: string): Promise<RepositoryLocation> {
  const absolute = path.resolve(dir);
  const info = await stat(absolute).catch(() => undefined);
  if (!info?.isDirectory()) return { kind: "missing", dir: absolute };
  const real = await realpath(absolute);
  let top: string;
  try {
    top = (await git(real, ["rev-parse", "--show-toplevel"])).trim();
  } catch (error) {
    if (error instanceof GitCommandError) return { kind: "none", dir: real };
    throw error;
  }
  const root = await realpath(top);
  return root === real ? { kind: "root", root } : { kind: "inside", root, dir: real };
}
