import { type RepoTarget, NO_RETRY } from "./client.js";

export interface IssueComment {
  id: number;
  body: string;
  url: string;
}

interface RawComment {
  id: number;
  body?: string;
  html_url: string;
  user: { type?: string } | null;
}

function toComment(raw: RawComment): IssueComment {
  return { id: raw.id, body: raw.body ?? "", url: raw.html_url };
}

/**
 * The newest bot comment on the issue that carries the marker. Only bot comments count: anyone
 * can paste a marker into a comment of their own, and the App could not edit it anyway.
 */
export async function findCommentByMarker(
  target: RepoTarget,
  issueNumber: number,
  marker: string,
): Promise<IssueComment | undefined> {
  const { octokit, owner, repo } = target;
  let found: RawComment | undefined;
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  for await (const page of pages) {
    for (const comment of page.data) {
      if (comment.user?.type === "Bot" && comment.body?.includes(marker)) found = comment;
    }
  }
  return found === undefined ? undefined : toComment(found);
}

/** Creates a comment without octokit's own retries; pair with `createOnce`. */
export async function createComment(target: RepoTarget, issueNumber: number, body: string): Promise<IssueComment> {
  const { octokit, owner, repo } = target;
  const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body, request: NO_RETRY });
  return toComment(data);
}
