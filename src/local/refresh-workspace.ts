import { chmod, cp, mkdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { LocalForgeError } from "../forge/local/errors.js";
import { git, gitSucceeds } from "../repo/git.js";

/** The branch of a workspace copy that follows its source; archon/* branches grow from it. */
export const WORKSPACE_BRANCH = "main";

const IDENTITY = { GIT_AUTHOR_NAME: "Archon", GIT_AUTHOR_EMAIL: "archon@localhost", GIT_COMMITTER_NAME: "Archon", GIT_COMMITTER_EMAIL: "archon@localhost" };

/** The files of `dir` its repository knows (tracked or not ignored): never node_modules or build output. */
async function sourceFiles(dir: string): Promise<string[]> {
  const listed = await git(dir, ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."]);
  const files: string[] = [];
  for (const file of new Set(listed.split("\0").filter((f) => f !== ""))) {
    // A tracked file deleted from the folder is listed too; it is gone from the source.
    const info = await stat(path.join(dir, file)).catch(() => undefined);
    if (info?.isFile()) files.push(file);
  }
  return files;
}

/** Whether the copy's file differs from the source's, in content or in being executable. */
async function differs(from: string, to: string): Promise<boolean> {
  const [a, b] = await Promise.all([stat(from), stat(to).catch(() => undefined)]);
  if (!b?.isFile() || a.size !== b.size || (a.mode & 0o111) !== (b.mode & 0o111)) return true;
  const [x, y] = await Promise.all([readFile(from), readFile(to)]);
  return !x.equals(y);
}

async function onWorkspaceBranch(copy: string): Promise<void> {
  const head = (await git(copy, ["symbolic-ref", "--quiet", "--short", "HEAD"]).catch(() => "")).trim();
  if (head === WORKSPACE_BRANCH) return;
  try {
    await git(copy, ["checkout", "--quiet", WORKSPACE_BRANCH]);
  } catch {
    throw new LocalForgeError("bad_ref", `Archon's copy at ${copy} is not on ${WORKSPACE_BRANCH} and cannot switch back to it. Commit or discard what changed there, then run again.`);
  }
}

async function stage(copy: string, args: string[], paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  await git(copy, [...args, "--pathspec-from-file=-", "--pathspec-file-nul"], { input: paths.join("\0") });
}

export interface RefreshOptions {
  /** The commit message when something changed. */
  message: string;
  /** Commit even when nothing changed (a new copy needs a first commit). */
  allowEmpty?: boolean;
}

/**
 * Brings `copy` (a repository of Archon's) up to date with the folder `source` on its main branch:
 * files added, changed or removed in the source are written, staged and committed as one commit,
 * and nothing is written or committed when the two already match. Other branches (archon/task-*)
 * are left as they are. Returns how many files changed.
 */
export async function refreshWorkspace(source: string, copy: string, options: RefreshOptions): Promise<number> {
  await onWorkspaceBranch(copy);
  const files = await sourceFiles(source);
  const wanted = new Set(files);
  const tracked = new Set((await git(copy, ["ls-files", "-z"])).split("\0").filter((f) => f !== ""));
  const changed: string[] = [];
  for (const file of files) {
    const from = path.join(source, file);
    const to = path.join(copy, file);
    const different = await differs(from, to);
    if (different) {
      await mkdir(path.dirname(to), { recursive: true });
      await rm(to, { force: true });
      await cp(from, to);
      await chmod(to, (await stat(from)).mode);
    }
    if (different || !tracked.has(file)) changed.push(file);
  }
  const removed = [...tracked].filter((file) => !wanted.has(file));
  for (const file of removed) await rm(path.join(copy, file), { force: true });
  await stage(copy, ["add", "--force"], changed);
  await stage(copy, ["rm", "--cached", "--quiet", "--ignore-unmatch"], removed);
  const staged = !(await gitSucceeds(copy, ["diff", "--cached", "--quiet"]));
  if (!staged && !options.allowEmpty) return 0;
  const commit = ["-c", "commit.gpgsign=false", "commit", "--quiet", "--no-verify", ...(options.allowEmpty ? ["--allow-empty"] : []), "-m", options.message];
  await git(copy, commit, { env: IDENTITY });
  return changed.length + removed.length;
}
