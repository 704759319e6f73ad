import type { RepoView, TreeEntry } from "../forge/forge.js";
import type { RepoTarget } from "./client.js";

/** Path → git mode for one tree, so a commit keeps executables and symlinks as they were. */
export type TreeModes = Map<string, string>;

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

async function fetchBlob(target: RepoTarget, sha: string): Promise<string | undefined> {
  const { octokit, owner, repo } = target;
  const { data } = await octokit.rest.git.getBlob({ owner, repo, file_sha: sha });
  const encoding = data.encoding === "utf-8" ? "utf8" : "base64";
  return decodeText(Buffer.from(data.content, encoding));
}

/** A view over a loaded tree that fetches only the files asked for, each blob once. */
export function createTreeView(target: RepoTarget, ref: string, tree: LoadedTree, blobs: BlobCache): RepoView {
  const byPath = new Map(tree.entries.map((e) => [e.path, e]));
  return {
    ref,
    async files() {
      return tree.entries.map((e) => ({ ...e }));
    },
    async read(path: string) {
      const entry = byPath.get(path.replace(/^\.?\//, ""));
      if (entry === undefined) return undefined;
      // Submodule links and symlinks are not files an agent can read.
      const mode = tree.modes.get(entry.path);
      if (mode === "120000") return undefined;
      let pending = blobs.get(entry.sha);
      if (pending === undefined) {
        pending = fetchBlob(target, entry.sha);
        blobs.set(entry.sha, pending);
        pending.catch(() => blobs.delete(entry.sha));
      }
      return pending;
    },
  };
}
