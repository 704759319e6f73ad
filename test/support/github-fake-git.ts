import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";

/** Path → text content: the whole of one tree, as the fake stores it. */
export type Files = Map<string, string>;

/** Path → git mode, for the entries that are not regular files (100644): executables, symlinks. */
export type Modes = Map<string, string>;

export interface FakeCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
}

export interface TreeChange {
  path: string;
  mode?: string;
  type?: string;
  sha?: string | null;
  content?: string;
}

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/** Git's own blob id, so blob shas match what GitHub would give for the same bytes. */
export function blobSha(content: string): string {
  const bytes = Buffer.from(content, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/**
 * Git objects of one repository, in memory: blobs, trees (stored flat, path → blob), commits and
 * branch refs. Shas are content hashes, so the same tree written twice has the same sha, as on GitHub.
 */
export function createFakeGit() {
  const blobs = new Map<string, string>();
  const trees = new Map<string, Map<string, string>>();
  const treeModes = new Map<string, Modes>();
  const commits = new Map<string, FakeCommit>();
  const refs = new Map<string, string>();

  function putTree(entries: Map<string, string>, modes: Modes = new Map()): string {
    const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : 1));
    const sha = sha1(`tree:${sorted.map(([p, s]) => `${modes.get(p) ?? "100644"} ${p}=${s}`).join("\n")}`);
    trees.set(sha, new Map(sorted));
    treeModes.set(sha, new Map([...modes].filter(([path]) => entries.has(path))));
    return sha;
  }

  function putBlob(content: string): string {
    const sha = blobSha(content);
    blobs.set(sha, content);
    return sha;
  }

  function putCommit(tree: string, parents: string[], message: string): FakeCommit {
    const sha = sha1(`commit:${tree}:${parents.join(",")}:${message}:${commits.size}`);
    const commit = { sha, tree, parents, message };
    commits.set(sha, commit);
    return commit;
  }

  /** A tree sha, a commit sha or a branch name → the tree's entries. */
  function treeOf(ref: string): { sha: string; entries: Map<string, string> } | undefined {
    const direct = trees.get(ref);
    if (direct) return { sha: ref, entries: direct };
    const commit = commits.get(ref) ?? commits.get(refs.get(ref.replace(/^refs\/heads\/|^heads\//, "")) ?? "");
    if (!commit) return undefined;
    return { sha: commit.tree, entries: trees.get(commit.tree)! };
  }

  return {
    blobs,
    trees,
    commits,
    refs,
    /** Makes `branch` point at a first commit holding `files`, with `modes` for those that are not regular files. */
    seed(branch: string, files: Files, modes: Modes = new Map()): FakeCommit {
      const entries = new Map<string, string>();
      for (const [path, content] of files) entries.set(path, putBlob(content));
      const commit = putCommit(putTree(entries, modes), [], "Initial commit");
      refs.set(branch, commit.sha);
      return commit;
    },
    treeOf,
    /** The mode of every entry of a branch's, a commit's or a tree's tree. */
    modesAt(ref: string): Modes {
      const tree = treeOf(ref);
      if (!tree) throw new Error(`no tree for ${ref}`);
      const modes = treeModes.get(tree.sha) ?? new Map<string, string>();
      return new Map([...tree.entries.keys()].map((path) => [path, modes.get(path) ?? "100644"]));
    },
    /** Like GitHub, an entry takes the mode the request gives it (100644 when it gives none). */
    createTree(baseTree: string | undefined, changes: TreeChange[]): string {
      const entries = new Map(baseTree ? (trees.get(baseTree) ?? []) : []);
      const modes = new Map(baseTree ? (treeModes.get(baseTree) ?? []) : []);
      for (const change of changes) {
        modes.delete(change.path);
        if (change.sha === null) {
          entries.delete(change.path);
          continue;
        }
        if (change.content !== undefined) entries.set(change.path, putBlob(change.content));
        else if (change.sha) entries.set(change.path, change.sha);
        if (change.mode !== undefined && change.mode !== "100644") modes.set(change.path, change.mode);
      }
      return putTree(entries, modes);
    },
    putCommit,
    /** The text of every file at a branch, a commit or a tree. */
    filesAt(ref: string): Files {
      const tree = treeOf(ref);
      if (!tree) throw new Error(`no tree for ${ref}`);
      return new Map([...tree.entries].map(([path, sha]) => [path, blobs.get(sha) ?? ""]));
    },
  };
}

export type FakeGit = ReturnType<typeof createFakeGit>;

const SKIPPED = new Set([".git", "node_modules", "__pycache__", ".pytest_cache"]);

/** A fixture directory's text files, as a repository's content. */
export async function readFixtureFiles(root: string): Promise<Files> {
  const files: Files = new Map();
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (SKIPPED.has(entry.name)) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files.set(relative(root, full).split(sep).join("/"), await readFile(full, "utf8"));
    }
  }
  await walk(root);
  return files;
}
