import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { appendFile, mkdir, rm, symlink } from "node:fs/promises";
import path from "node:path";
import { LocalForgeError } from "../forge/local/errors.js";
import { git } from "../repo/git.js";
import { locateRepository } from "../forge/local/locate-repository.js";
import { WORKSPACE_BRANCH, refreshWorkspace } from "./refresh-workspace.js";

export interface Workspace {
  /** The repository Archon works on. */
  root: string;
  /** Set when Archon made or reused a copy: says so in plain words. */
  note?: string | undefined;
}

function nearestNodeModules(from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules");
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Where the copy of a folder lives: `workspaces/<name>-<hash>/<name>`, the hash of its full path
 * keeping two folders of the same name (examples/api in two checkouts) apart, and the copy itself
 * named as the folder, so its tasks are listed under the folder's name.
 */
export function workspacePath(dataDir: string, sourceDir: string): string {
  const name = path.basename(sourceDir);
  const key = createHash("sha256").update(path.resolve(sourceDir)).digest("hex").slice(0, 8);
  return path.resolve(dataDir, "workspaces", `${name}-${key}`, name);
}

async function createCopy(source: string, target: string, label: string): Promise<string | undefined> {
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  await git(target, ["init", "--quiet", "--initial-branch", WORKSPACE_BRANCH]);
  await appendFile(path.join(target, ".git", "info", "exclude"), "node_modules\n");
  await refreshWorkspace(source, target, { message: `Copy of ${label}`, allowEmpty: true });
  const modules = nearestNodeModules(source);
  if (modules && !existsSync(path.join(target, "node_modules"))) await symlink(modules, path.join(target, "node_modules"), "dir");
  return modules;
}

/**
 * The repository to work on for a path given on the command line. A repository's top folder is
 * used as it is. A folder inside another repository (an example in this one, say) has no branch
 * of its own, so it is copied into `<dataDir>/workspaces/<name>-<hash>/<name>` as a fresh repository,
 * with node_modules linked to the nearest one above the folder. Later runs reuse the copy and first
 * bring its main branch up to date with the folder (one "Refresh from" commit when something
 * changed); its archon/* branches are left as they are.
 */
export async function prepareWorkspace(dir: string, dataDir: string): Promise<Workspace> {
  const location = await locateRepository(dir);
  if (location.kind === "root") return { root: location.root };
  if (location.kind === "missing") throw new LocalForgeError("not_a_repository", `${location.dir} does not exist or is not a folder.`);
  if (location.kind === "none") {
    throw new LocalForgeError("not_a_repository", `${location.dir} is not a git repository. Run \`git init\` there and commit your files first.`);
  }
  const target = workspacePath(dataDir, location.dir);
  const inside = `${location.dir} is inside the repository at ${location.root}`;
  const existing = await locateRepository(target);
  if (existing.kind === "root") {
    const changed = await refreshWorkspace(location.dir, existing.root, { message: `Refresh from ${location.dir}` });
    const refreshed = changed === 0 ? "up to date with it" : `refreshed from it (${changed} file${changed === 1 ? "" : "s"} changed)`;
    return { root: existing.root, note: `${inside}; working on its copy at ${existing.root}, ${refreshed}.` };
  }
  const modules = await createCopy(location.dir, target, path.relative(location.root, location.dir) || location.dir);
  return {
    root: target,
    note: `${inside}, so Archon copied it to ${target} as a repository of its own${modules ? ` (node_modules linked to ${modules})` : ""} and works there.`,
  };
}
