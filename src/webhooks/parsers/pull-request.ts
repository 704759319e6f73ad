import { PullRequestPayload, PullRequestReviewPayload } from "../schema.js";
import { BRANCH_PREFIX, type EventParser, actionOf, actor, cut, ignored, parse, repoInfo } from "./payload-parts.js";

const NOT_FOLLOWED = "not an action Archon follows";
const NOT_ARCHONS = "not Archon's pull request";

/** `pull_request` closed (merged or not) on an archon/ branch. */
export const onPullRequest: EventParser = (payload, key) => {
  if (actionOf(payload) !== "closed") return ignored(key, NOT_FOLLOWED);
  const p = parse(PullRequestPayload, payload);
  if (typeof p === "string") return ignored(key, p);
  const pr = p.pull_request;
  if (!pr.head.ref.startsWith(BRANCH_PREFIX)) return ignored(key, NOT_ARCHONS);
  return {
    kind: "event",
    event: {
      type: "pull_request_closed",
      installationId: p.installation.id,
      repo: repoInfo(p.repository),
      number: pr.number,
      merged: pr.merged === true,
      headRef: pr.head.ref,
      headSha: pr.head.sha,
      mergeCommitSha: pr.merge_commit_sha ?? undefined,
      url: pr.html_url ?? undefined,
      sender: actor(p.sender),
    },
  };
};

/** `pull_request_review` submitted by a person asking for changes on Archon's pull request. */
export const onPullRequestReview: EventParser = (payload, key) => {
  if (actionOf(payload) !== "submitted") return ignored(key, NOT_FOLLOWED);
  const p = parse(PullRequestReviewPayload, payload);
  if (typeof p === "string") return ignored(key, p);
  if (!p.pull_request.head.ref.startsWith(BRANCH_PREFIX)) return ignored(key, NOT_ARCHONS);
  if (p.review.state !== "changes_requested") return ignored(key, `review state ${p.review.state}`);
  const reviewer = actor(p.review.user);
  if (reviewer.isBot) return ignored(key, "review by a bot");
  return {
    kind: "event",
    event: {
      type: "review",
      installationId: p.installation.id,
      repo: repoInfo(p.repository),
      number: p.pull_request.number,
      headRef: p.pull_request.head.ref,
      state: p.review.state,
      body: cut(p.review.body),
      reviewer,
    },
  };
};
