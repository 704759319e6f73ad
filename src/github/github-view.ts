import type { RepoView, TreeEntry } from "../domain/forge.js";
import { readOnce } from "./bounded-blob-cache.js";
import type { RepoTarget } from "./client.js";
import type { PinnedBase } from "./github-commit.js";
import type { BlobReader } from "./read-blobs.js";

/** Path → git mode for one tree, so a commit keeps executables and symlinks as they were. */
export type TreeModes = Map<string, string>;

/** A view of one tree that also tells each file's git mode. */
export interface GitHubRepoView extends RepoView {
  /** The path's git mode in the tree (100644, 100755, 120000), or undefined when it is not there. */
  mode(path: string): string | undefined;
  /**
   * For a view of a branch, the commit the branch named when the tree was read, once a read of
   * its files has learned it; undefined before, or when the branch had moved on by then.
   */
  base?(): PinnedBase | undefined;
}

export interface LoadedTree {
  /** Sha of the root tree object. */
  sha: string;
  entries: TreeEntry[];
  modes: TreeModes;
}

interface RawEntry {
  path?: string;
  mode?: string;
  type?: string;
  sha?: string;
  size?: number;
}

/** Blob contents by blob sha; shared by every view of one forge, since blobs never change. */
export type BlobCache = Map<string, Promise<string | undefined>>;

/** Whole trees by root tree sha; like blobs, a tree never changes once it has a sha. */
export type TreeCache = Map<string, Promise<LoadedTree>>;

/**
 * Reads a whole tree with one recursive request. GitHub truncates very large trees; then the
 * tree is walked one directory per request instead.
 */
export async function loadTree(target: RepoTarget, ref: string): Promise<LoadedTree> {
  const { octokit, owner, repo } = target;
  const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: ref, recursive: "1" });
  const raw = data.truncated ? await walk(target, data.sha, "") : data.tree;
  const blobs = raw.filter((e): e is Required<RawEntry> => e.type === "blob" && e.path !== undefined && e.sha !== undefined);
  const entries = blobs
    .map((e) => ({ path: e.path, sha: e.sha, size: e.size ?? 0 }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const modes: TreeModes = new Map(blobs.map((e) => [e.path, e.mode ?? "100644"]));
  return { sha: data.sha, entries, modes };
}

/** A tree by its sha, read once and then served from `trees`. */
export function loadTreeOnce(target: RepoTarget, treeSha: string, trees: TreeCache): Promise<LoadedTree> {
  return readOnce(trees, treeSha, () => loadTree(target, treeSha));
}

async function walk(target: RepoTarget, treeSha: string, prefix: string): Promise<RawEntry[]> {
  const { octokit, owner, repo } = target;
  const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: treeSha });
  const out: RawEntry[] = [];
  for (const entry of data.tree) {
    const path = `${prefix}${entry.path}`;
    if (entry.type === "tree" && entry.sha) out.push(...(await walk(target, entry.sha, `${path}/`)));
    else out.push({ ...entry, path });
  }
  return out;
}

/** UTF-8 text, or undefined for binary content (a NUL byte or invalid UTF-8). */
export function decodeText(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

// A tree this small is read whole at its first read, in one request: an agent reads a good part
// of a small repository anyway, one file at a time.
const SMALL_TREE = { files: 100, bytes: 512 * 1024, fileBytes: 64 * 1024 };

function smallTreeBlobs(tree: LoadedTree): string[] {
  const texts = tree.entries.filter((e) => tree.modes.get(e.path) !== "120000");
  if (texts.length > SMALL_TREE.files || texts.some((e) => e.size > SMALL_TREE.fileBytes)) return [];
  if (texts.reduce((sum, e) => sum + e.size, 0) > SMALL_TREE.bytes) return [];
  return texts.map((e) => e.sha);
}

/** A view over a loaded tree that fetches only the files asked for (a small tree whole), each blob once. */
export function createTreeView(ref: string, tree: LoadedTree, blobs: BlobReader): GitHubRepoView {
  const byPath = new Map(tree.entries.map((e) => [e.path, e]));
  let first = true;
  return {
    ref,
    mode(path: string) {
      return tree.modes.get(path.replace(/^\.?\//, ""));
    },
    async files() {
      return tree.entries.map((e) => ({ ...e }));
    },
    async read(path: string) {
      const entry = byPath.get(path.replace(/^\.?\//, ""));
      if (entry === undefined) return undefined;
      // Submodule links and symlinks are not files an agent can read.
      const mode = tree.modes.get(entry.path);
      if (mode === "120000") return undefined;
      if (first) blobs.prefetch(smallTreeBlobs(tree));
      first = false;
      return blobs.read(entry.sha);
    },
  };
}
