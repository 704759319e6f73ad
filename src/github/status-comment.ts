import { type GitHubClient, orNotFound } from "./client.js";
import { type IssueComment, createComment, findCommentByMarker } from "./comments.js";
import { createOnce } from "./create-once.js";
import { sameText, withMarker } from "./markers.js";

export interface EnsureCommentInput {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  issueNumber: number;
  /** Hidden marker that identifies the comment, e.g. `<!-- archon:status task=42 -->`. */
  marker: string;
  body: string;
  /** Comment id stored from an earlier run: found with one request. */
  knownId?: number | string | null;
  /** No attempt to create the comment ever started before this one: it is created without a look-up. */
  knownAbsent?: boolean;
}

export interface EnsureCommentResult {
  id: number;
  url: string;
  action: "created" | "updated" | "unchanged";
}

async function byId(input: EnsureCommentInput): Promise<IssueComment | undefined> {
  const { octokit, owner, repo, knownId } = input;
  if (knownId === undefined || knownId === null) return undefined;
  // A comment someone deleted is a 404: fall back to the marker, then to creating it again.
  const found = await orNotFound(() => octokit.rest.issues.getComment({ owner, repo, comment_id: Number(knownId) }));
  return found === undefined ? undefined : { id: found.data.id, body: found.data.body ?? "", url: found.data.html_url };
}

/** One comment per marker on the issue: created once, edited only when its text changes. */
export async function ensureComment(input: EnsureCommentInput): Promise<EnsureCommentResult> {
  const { octokit, owner, repo, issueNumber, marker } = input;
  const target = { octokit, owner, repo };
  const body = withMarker(input.body, marker);
  const { value: comment, created } = await createOnce({
    knownAbsent: input.knownAbsent === true,
    find: async () => (await byId(input)) ?? (await findCommentByMarker(target, issueNumber, marker)),
    create: () => createComment(target, issueNumber, body),
  });
  if (sameText(comment.body, body)) return { id: comment.id, url: comment.url, action: created ? "created" : "unchanged" };
  // Editing to the same text twice is harmless, so the retry plugin may resend this one.
  const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: comment.id, body });
  return { id: data.id, url: data.html_url, action: created ? "created" : "updated" };
}
