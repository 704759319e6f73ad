import type { Octokit } from "./octokit.js";

/** Files a pull request touches, as repository paths (GitHub lists at most 3,000). */
export async function listChangedFiles(
  octokit: Octokit,
  pull: { owner: string; repo: string; number: number },
): Promise<Set<string>> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner: pull.owner,
    repo: pull.repo,
    pull_number: pull.number,
    per_page: 100,
  });
  return new Set(files.map((file) => file.filename));
}
