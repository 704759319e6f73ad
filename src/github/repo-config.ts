import { type GitHubClient, httpStatus } from "./client.js";

export const REPO_CONFIG_PATH = ".github/archon.yml";

export interface RepoConfigResult {
  /** The merged raw object (repository file, else the organisation's `.github` repository), or null when absent. */
  config: Record<string, unknown> | null;
  /** Why the file could not be read as YAML, in words to show the person who wrote it. */
  error?: string;
}

const PLUGIN_PREFIX = /^\[@probot\/octokit-plugin-config\]\s*/;

function describe(error: Error): string {
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message.replace(PLUGIN_PREFIX, "")}${cause}`;
}

/**
 * Reads `.github/archon.yml` through Probot's config plugin, which falls back to the
 * organisation's `.github` repository and follows `_extends`. Validation is the caller's.
 */
export async function loadRepoConfig(octokit: GitHubClient, owner: string, repo: string): Promise<RepoConfigResult> {
  try {
    const { config, files } = await octokit.config.get({ owner, repo, path: REPO_CONFIG_PATH });
    if (files.every((file) => file.config === null)) return { config: null };
    return { config };
  } catch (error) {
    // HTTP failures are GitHub's problem, not the file's: let the job retry them.
    if (httpStatus(error) !== undefined || !(error instanceof Error)) throw error;
    return { config: null, error: describe(error) };
  }
}
