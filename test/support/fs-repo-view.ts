import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { FileChange, RepoView, TreeEntry } from "../../src/domain/forge.js";

const SKIPPED = new Set([".git", "node_modules", "__pycache__", ".pytest_cache"]);

/** The project's own node_modules, which fixture copies link to instead of installing. */
export const ROOT_NODE_MODULES = fileURLToPath(new URL("../../node_modules", import.meta.url));
export const FIXTURES_DIR = fileURLToPath(new URL("../fixtures", import.meta.url));

async function walk(root: string, dir: string, out: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walk(root, full, out);
    else if (entry.isFile()) out.push(relative(root, full).split(sep).join("/"));
  }
}

/** A RepoView over a directory on disk, as a forge would give one over a commit. */
export function fsRepoView(root: string, ref = "HEAD"): RepoView {
  return {
    ref,
    async files(): Promise<TreeEntry[]> {
      const paths: string[] = [];
      await walk(root, root, paths);
      paths.sort();
      return Promise.all(
        paths.map(async (path) => {
          const bytes = await readFile(join(root, path));
          const sha = createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
          return { path, sha, size: bytes.length };
        }),
      );
    },
    async read(path: string): Promise<string | undefined> {
      try {
        const bytes = await readFile(join(root, path));
        return bytes.includes(0) ? undefined : bytes.toString("utf8");
      } catch {
        return undefined;
      }
    },
  };
}

/** Writes changes (already through the guardrails) into a directory. */
export async function applyChanges(dir: string, changes: FileChange[]): Promise<void> {
  for (const change of changes) {
    const target = join(dir, change.path);
    if (change.action === "delete") {
      await rm(target, { force: true });
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, change.content);
  }
}

/** A throwaway copy of a fixture repository whose node_modules links to the project's own. */
export async function copyFixture(name: string): Promise<string> {
  const source = join(FIXTURES_DIR, name);
  await stat(source);
  const dir = await mkdtemp(join(tmpdir(), `archon-${name}-`));
  await cp(source, dir, {
    recursive: true,
    filter: (src) => !src.split(sep).some((part) => SKIPPED.has(part)),
  });
  await symlink(ROOT_NODE_MODULES, join(dir, "node_modules"), "dir");
  return dir;
}
