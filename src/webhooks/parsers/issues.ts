import { IssuesPayload } from "../schema.js";
import { type EventParser, actionOf, actor, cut, ignored, instant, parse, repoInfo } from "./payload-parts.js";

const ISSUE_ACTIONS = new Set(["opened", "labeled", "unlabeled", "edited", "closed", "deleted", "reopened"]);

/** `issues`: an issue opened, labeled, edited, closed… (pull requests are left out). */
export const onIssues: EventParser = (payload, key) => {
  const action = actionOf(payload);
  if (typeof action !== "string" || !ISSUE_ACTIONS.has(action)) return ignored(key, "not an action Archon follows");
  const p = parse(IssuesPayload, payload);
  if (typeof p === "string") return ignored(key, p);
  if (p.issue.pull_request !== undefined) return ignored(key, "a pull request, not an issue");
  return {
    kind: "event",
    event: {
      type: "issue",
      action: p.action,
      installationId: p.installation.id,
      repo: repoInfo(p.repository),
      issue: {
        number: p.issue.number,
        title: p.issue.title,
        body: cut(p.issue.body),
        labels: p.issue.labels.map((l) => l.name),
        author: p.issue.user.login,
        isPullRequest: false,
        closed: p.issue.state === "closed",
      },
      label: p.label?.name,
      at: instant(p.issue.updated_at),
      sender: actor(p.sender),
    },
  };
};
