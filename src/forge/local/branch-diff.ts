import { git } from "../../repo/git.js";

export interface BranchDiff {
  /** `git diff --stat` of the branch against where it left base. */
  stat: string;
  patch: string;
  files: { status: string; path: string }[];
}

/** What `branch` changed since it left `base`: stat, patch and the changed files with their status. */
export async function branchDiff(root: string, base: string, branch: string): Promise<BranchDiff> {
  const range = `${base}...${branch}`;
  const [stat, patch, names] = await Promise.all([
    git(root, ["diff", "--stat", range]),
    git(root, ["diff", range]),
    git(root, ["diff", "--name-status", "--no-renames", "-z", range]),
  ]);
  const parts = names.split("\0").filter((p) => p !== "");
  const files: BranchDiff["files"] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) files.push({ status: parts[i]!, path: parts[i + 1]! });
  return { stat, patch, files };
}
