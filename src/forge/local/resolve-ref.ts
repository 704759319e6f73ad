import { git } from "../../repo/git.js";
import { trailerBranch } from "./branch-owner.js";

/** The commit `ref` names in the repository at `root`, or undefined when it names none. */
export async function resolveRef(root: string, ref: string): Promise<string | undefined> {
  // A leading dash would be read by git as an option.
  if (ref.startsWith("-")) return undefined;
  try {
    return (await git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Whether the branch exists and its tip is a commit Archon did not make for it. */
export async function isForeignBranch(root: string, branch: string): Promise<boolean> {
  const tip = await resolveRef(root, `refs/heads/${branch}`);
  if (!tip) return false;
  return trailerBranch(await git(root, ["log", "-1", "--format=%B", tip])) !== branch;
}

/** The branch HEAD is on; when detached, the branch git would give a new repository. */
export async function defaultBranchOf(root: string): Promise<string> {
  try {
    return (await git(root, ["symbolic-ref", "--quiet", "--short", "HEAD"])).trim();
  } catch {
    // Detached HEAD: fall back to what git would call a new repository's first branch.
    const configured = await git(root, ["config", "--get", "init.defaultBranch"]).catch(() => "");
    return configured.trim() || "main";
  }
}
