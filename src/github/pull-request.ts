import { type GitHubClient, type RepoTarget, NO_RETRY, httpStatus } from "./client.js";
import { createOnce } from "./create-once.js";
import { sameText } from "./markers.js";

export interface PullRequestRef {
  number: number;
  nodeId: string;
  url: string;
  draft: boolean;
  author: string | undefined;
}

export interface EnsurePullRequestInput extends RepoTarget {
  /** Branch in this repository, e.g. `archon/issue-7`. */
  head: string;
  base: string;
  title: string;
  body: string;
  /** Bot pull requests open as drafts unless the repository asks otherwise. */
  draft?: boolean;
  /** The head branch was created just now, so no pull request can be open from it: none is looked for. */
  newBranch?: boolean;
}

export interface EnsurePullRequestResult extends PullRequestRef {
  action: "created" | "updated" | "unchanged";
}

interface RawPull {
  number: number;
  node_id: string;
  html_url: string;
  draft?: boolean;
  title: string;
  body: string | null;
  user: { login: string } | null;
}

function toRef(pull: RawPull): PullRequestRef {
  return { number: pull.number, nodeId: pull.node_id, url: pull.html_url, draft: pull.draft ?? false, author: pull.user?.login };
}

async function findOpen(input: EnsurePullRequestInput): Promise<RawPull | undefined> {
  const { octokit, owner, repo, head } = input;
  const { data } = await octokit.rest.pulls.list({ owner, repo, state: "open", head: `${owner}:${head}`, per_page: 10 });
  return data[0];
}

/** The open pull request for the branch: found first, created (as a draft by default) when missing. */
export async function ensurePullRequest(input: EnsurePullRequestInput): Promise<EnsurePullRequestResult> {
  const { octokit, owner, repo, head, base, title, body } = input;
  const { value: pull, created } = await createOnce<RawPull>({
    knownAbsent: input.newBranch === true,
    find: () => findOpen(input),
    create: async () => {
      try {
        const { data } = await octokit.rest.pulls.create({
          owner, repo, head, base, title, body, draft: input.draft ?? true, request: NO_RETRY,
        });
        return data;
      } catch (error) {
        // "A pull request already exists for owner:head": another run won the race.
        const raced = httpStatus(error) === 422 ? await findOpen(input) : undefined;
        if (raced === undefined) throw error;
        return raced;
      }
    },
  });
  if (created || (pull.title === title && sameText(pull.body, body))) {
    return { ...toRef(pull), action: created ? "created" : "unchanged" };
  }
  const { data } = await octokit.rest.pulls.update({ owner, repo, pull_number: pull.number, title, body });
  return { ...toRef(data), action: "updated" };
}

const MARK_READY = `mutation($id: ID!) {
  markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } }
}`;

/** Takes a draft out of draft; only GraphQL can (REST has no field for it). */
export async function markReadyForReview(octokit: GitHubClient, nodeId: string): Promise<{ draft: boolean }> {
  const result = await octokit.graphql<{ markPullRequestReadyForReview: { pullRequest: { isDraft: boolean } } }>(
    MARK_READY,
    { id: nodeId },
  );
  return { draft: result.markPullRequestReadyForReview.pullRequest.isDraft };
}

export interface RequestReviewersInput extends RepoTarget {
  pullNumber: number;
  users: string[];
  teams?: string[];
  /** The pull request's author, who cannot review it; looked up when not given. */
  author?: string;
}

export interface RequestReviewersResult {
  requested: string[];
  teams: string[];
  /** The author, who GitHub would refuse anyway. */
  skipped: string[];
  /** Reviewers GitHub refused (not collaborators, unknown teams), with its message. */
  rejected: { reviewer: string; reason: string }[];
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Asks for reviews. GitHub refuses the whole request with a 422 when one reviewer is not a
 * collaborator; then each reviewer is asked for alone, so the others still get the request.
 */
export async function requestReviewers(input: RequestReviewersInput): Promise<RequestReviewersResult> {
  const { octokit, owner, repo, pullNumber } = input;
  const author =
    input.author ?? (await octokit.rest.pulls.get({ owner, repo, pull_number: pullNumber })).data.user?.login;
  const isAuthor = (login: string) => author !== undefined && login.toLowerCase() === author.toLowerCase();
  const unique = [...new Set(input.users)];
  const users = unique.filter((u) => !isAuthor(u));
  const teams = [...new Set(input.teams ?? [])];
  const result: RequestReviewersResult = { requested: [], teams: [], skipped: unique.filter(isAuthor), rejected: [] };
  if (users.length === 0 && teams.length === 0) return result;
  const ask = (reviewers: string[], team_reviewers: string[]) =>
    octokit.rest.pulls.requestReviewers({ owner, repo, pull_number: pullNumber, reviewers, team_reviewers });
  const all = [...users.map((u) => [u, false] as const), ...teams.map((t) => [t, true] as const)];
  try {
    await ask(users, teams);
    return { ...result, requested: users, teams };
  } catch (error) {
    if (httpStatus(error) !== 422) throw error;
    if (all.length === 1) return { ...result, rejected: [{ reviewer: all[0]![0], reason: errorMessage(error) }] };
  }
  for (const [reviewer, isTeam] of all) {
    try {
      await (isTeam ? ask([], [reviewer]) : ask([reviewer], []));
      (isTeam ? result.teams : result.requested).push(reviewer);
    } catch (error) {
      if (httpStatus(error) !== 422) throw error;
      result.rejected.push({ reviewer, reason: errorMessage(error) });
    }
  }
  return result;
}
