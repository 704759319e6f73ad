import { existsSync } from "node:fs";
import { appendFile, cp, mkdir, rm, symlink } from "node:fs/promises";
import path from "node:path";
import { LocalForgeError } from "../forge/local/errors.js";
import { git } from "../forge/local/git.js";
import { locateRepository } from "../forge/local/locate-repository.js";

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
 * The repository to work on for a path given on the command line. A repository's top folder is
 * used as it is. A folder inside another repository (an example in this one, say) has no branch
 * of its own, so it is copied once into `<dataDir>/workspaces/<name>` as a fresh repository, with
 * node_modules linked to the nearest one above the folder, and reused on later runs.
 */
export async function prepareWorkspace(dir: string, dataDir: string): Promise<Workspace> {
  const location = await locateRepository(dir);
  if (location.kind === "root") return { root: location.root };
  if (location.kind === "missing") throw new LocalForgeError("not_a_repository", `${location.dir} does not exist or is not a folder.`);
  if (location.kind === "none") {
    throw new LocalForgeError("not_a_repository", `${location.dir} is not a git repository. Run \`git init\` there and commit your files first.`);
  }
  const target = path.resolve(dataDir, "workspaces", path.basename(location.dir));
  const existing = await locateRepository(target);
  if (existing.kind === "root") {
    return { root: existing.root, note: `${location.dir} is inside the repository at ${location.root}; working on its copy at ${existing.root} (made on an earlier run).` };
  }
  await rm(target, { recursive: true, force: true });
  await mkdir(path.dirname(target), { recursive: true });
  // The files the outer repository knows (tracked or not ignored): never its node_modules or build output.
  const listed = await git(location.dir, ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."]);
  const files = [...new Set(listed.split("\0").filter((f) => f !== ""))];
  for (const file of files) {
    const from = path.join(location.dir, file);
    if (!existsSync(from)) continue;
    await mkdir(path.dirname(path.join(target, file)), { recursive: true });
    await cp(from, path.join(target, file));
  }
  const identity = { GIT_AUTHOR_NAME: "Archon", GIT_AUTHOR_EMAIL: "archon@localhost", GIT_COMMITTER_NAME: "Archon", GIT_COMMITTER_EMAIL: "archon@localhost" };
  await git(target, ["init", "--quiet", "--initial-branch", "main"]);
  await appendFile(path.join(target, ".git", "info", "exclude"), "node_modules\n");
  await git(target, ["add", "--all"]);
  await git(target, ["-c", "commit.gpgsign=false", "commit", "--quiet", "--no-verify", "-m", `Copy of ${path.relative(location.root, location.dir) || location.dir}`], { env: identity });
  const modules = nearestNodeModules(location.dir);
  if (modules && !existsSync(path.join(target, "node_modules"))) await symlink(modules, path.join(target, "node_modules"), "dir");
  return {
    root: target,
    note: `${location.dir} is inside the repository at ${location.root}, so Archon copied it to ${target} as a repository of its own${modules ? ` (node_modules linked to ${modules})` : ""} and works there.`,
  };
}
