import type { RepoView, TreeEntry } from "../../domain/forge.js";
import { git, gitBytes } from "../../repo/git.js";
import { type TreeRecord, parseLsTree } from "./tree.js";

/** Blob contents by sha; a blob never changes, so one cache serves every view of a repository. */
export type BlobCache = Map<string, string | undefined>;

export function createLocalRepoView(root: string, sha: string, cache: BlobCache): RepoView {
  let tree: Promise<Map<string, TreeRecord>> | undefined;
  function load(): Promise<Map<string, TreeRecord>> {
    tree ??= git(root, ["ls-tree", "-r", "-l", "-z", sha]).then(
      (out) => new Map(parseLsTree(out).map((r) => [r.path, r])),
    );
    return tree;
  }
  return {
    ref: sha,
    async files(): Promise<TreeEntry[]> {
      return [...(await load()).values()].map(({ path, sha, size }) => ({ path, sha, size }));
    },
    async read(path: string): Promise<string | undefined> {
      const record = (await load()).get(path);
      if (!record) return undefined;
      if (cache.has(record.sha)) return cache.get(record.sha);
      const bytes = await gitBytes(root, ["cat-file", "blob", record.sha], { binary: true });
      // A NUL byte is git's own test for binary content.
      const text = bytes.includes(0) ? undefined : bytes.toString("utf8");
      cache.set(record.sha, text);
      return text;
    },
  };
}
