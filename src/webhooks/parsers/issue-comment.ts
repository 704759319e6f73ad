import { IssueCommentPayload } from "../schema.js";
import { type EventParser, actionOf, actor, cut, ignored, markedTask, parse, repoInfo } from "./payload-parts.js";

/**
 * `issue_comment`: a person's comment with an `/archon` command, or an edit of the status comment
 * (a ticked box). Bot comments, Archon's own included, never trigger anything.
 */
export const onIssueComment: EventParser = (payload, key) => {
  const action = actionOf(payload);
  if (action !== "created" && action !== "edited") return ignored(key, "not an action Archon follows");
  const p = parse(IssueCommentPayload, payload);
  if (typeof p === "string") return ignored(key, p);
  const sender = actor(p.sender);
  if (sender.isBot) return ignored(key, "comment by a bot");
  const body = p.comment.body ?? "";
  const ticksStatus = action === "edited" && body.includes("<!-- archon:status");
  if (!ticksStatus && !/\/archon\b/i.test(body)) return ignored(key, "no /archon command");
  return {
    kind: "event",
    event: {
      type: "comment",
      action,
      installationId: p.installation.id,
      repo: repoInfo(p.repository),
      issue: {
        number: p.issue.number,
        title: p.issue.title,
        body: cut(p.issue.body),
        isPullRequest: p.issue.pull_request !== undefined,
        labels: p.issue.labels.map((l) => l.name),
        markedTask: markedTask(p.issue),
      },
      comment: {
        id: p.comment.id,
        body: cut(body),
        author: actor(p.comment.user),
        previousBody: p.changes?.body?.from !== undefined ? cut(p.changes.body.from) : undefined,
      },
      sender,
    },
  };
};
