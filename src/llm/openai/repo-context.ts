import type { AgentInput } from "../../domain/agent.js";
import type { RepoView } from "../../domain/forge.js";
import type { PromptFile } from "./prompt.js";

// Files whose contents are credentials or environment: listed in the map, never read into a prompt.
const SECRET_FILE =
  /(?:^|\/)(?:\.env(?:\.[^/]*)?|\.npmrc|\.pypirc|\.netrc|\.git-credentials|id_(?:rsa|dsa|ecdsa|ed25519)(?:\.pub)?|credentials(?:\.[^/]*)?|secrets?\.(?:json|ya?ml|toml))$|\.(?:pem|key|p12|pfx|jks|keystore)$/i;

// Generated or vendored trees: noise in a repository map.
const VENDORED = /(?:^|\/)(?:node_modules|\.git|dist|build|coverage|vendor|__pycache__|\.venv|venv|\.next|\.archon)\//;

// Manifests tell the model the project's dependencies and scripts.
const MANIFESTS = ["package.json", "pyproject.toml", "requirements.txt", "tsconfig.json"];

export function isSecretPath(path: string): boolean {
  return SECRET_FILE.test(path);
}

export function mapPaths(paths: readonly string[]): string[] {
  return paths.filter((p) => !VENDORED.test(p));
}

/** The files an agent step most likely needs: those the step names, the requester's areas, failing files, manifests. */
export function likelyFiles(input: AgentInput, tree: readonly string[], limit: number): string[] {
  const present = new Set(tree);
  const changed = new Set(input.previousChanges.map((c) => c.path));
  const wanted: string[] = [...input.step.files];
  for (const area of input.task.areas) {
    const clean = area.trim().replace(/^\.?\//, "").replace(/\/+$/, "");
    if (clean === "") continue;
    if (present.has(clean)) wanted.push(clean);
    else wanted.push(...tree.filter((p) => p.startsWith(`${clean}/`)).slice(0, 3));
  }
  for (const failure of input.fix?.failures ?? []) if (failure.file) wanted.push(failure.file.replace(/^\.?\//, ""));
  wanted.push(...MANIFESTS.filter((m) => present.has(m)));
  const unique = [...new Set(wanted)].filter((p) => !changed.has(p) && !isSecretPath(p));
  // Named step files that do not exist yet stay in, so the model sees they are new.
  return unique.filter((p) => present.has(p) || input.step.files.includes(p)).slice(0, limit);
}

/** Reads the given paths; secret files and paths outside the tree are refused, not read. */
export async function readFiles(
  repo: RepoView,
  paths: readonly string[],
  tree: readonly string[],
): Promise<{ files: PromptFile[]; refused: string[] }> {
  const present = new Set(tree);
  const files: PromptFile[] = [];
  const refused: string[] = [];
  for (const path of paths) {
    if (isSecretPath(path)) {
      refused.push(path);
      continue;
    }
    files.push({ path, content: present.has(path) ? await repo.read(path) : undefined });
  }
  return { files, refused };
}
