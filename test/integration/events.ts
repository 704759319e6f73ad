import { BOT } from "../support/github-fake.js";
import type { Harness } from "../support/github-harness.js";
import { INSTALLATION_ID, type IssueFields, type Payload, type Person, commentPayload, examplePayload, issuesPayload } from "../support/webhook-payloads.js";
import { MAINTAINER } from "./setup.js";

// Payloads of the events the first integration files did not need, from the real examples and
// moved onto the fake's repository (Codertocat/Hello-World, default branch master).

function onFakeRepository(p: Payload): Payload {
  p.installation = { id: INSTALLATION_ID, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };
  p.repository = examplePayload("issues", "labeled").repository;
  return p;
}

function asUser(base: Payload, person: Person): Payload {
  return { ...base, login: person.login, type: person.type ?? "User" };
}

/** `check_suite.completed` of the repository's CI on `branch` at `headSha`. */
export function checkSuitePayload(suite: { id: number; headSha: string; branch: string; conclusion: string; prNumber: number }): Payload {
  const p = onFakeRepository(examplePayload("check_suite", "completed", (e) => (e as Payload).check_suite?.app?.slug === "github-actions"));
  p.check_suite.id = suite.id;
  p.check_suite.head_sha = suite.headSha;
  p.check_suite.head_branch = suite.branch;
  p.check_suite.conclusion = suite.conclusion;
  p.check_suite.pull_requests = [{ ...p.check_suite.pull_requests[0], number: suite.prNumber }];
  return p;
}

/** `workflow_run.completed` of the repository's test workflow on `branch` at `headSha`. */
export function workflowRunPayload(run: { id: number; headSha: string; branch: string; conclusion: string; prNumber: number }): Payload {
  const p = onFakeRepository(examplePayload("workflow_run", "completed"));
  p.workflow_run.id = run.id;
  p.workflow_run.name = "test";
  p.workflow_run.head_sha = run.headSha;
  p.workflow_run.head_branch = run.branch;
  p.workflow_run.conclusion = run.conclusion;
  p.workflow_run.status = "completed";
  p.workflow_run.pull_requests = [{ number: run.prNumber, head: { ref: run.branch, sha: run.headSha }, base: { ref: "master", sha: "0".repeat(40) } }];
  return p;
}

/** `pull_request_review.submitted` on pull request `number` (head `branch`) by `reviewer`. */
export function reviewPayload(
  review: { number: number; branch: string; headSha: string; state: string; body: string },
  reviewer: Person,
): Payload {
  const p = onFakeRepository(examplePayload("pull_request_review", "submitted", (e) => (e as Payload).installation !== undefined));
  p.review.state = review.state;
  p.review.body = review.body;
  p.review.user = asUser(p.review.user, reviewer);
  p.pull_request.number = review.number;
  p.pull_request.head.ref = review.branch;
  p.pull_request.head.sha = review.headSha;
  p.sender = asUser(p.sender, reviewer);
  return p;
}

/** `issues.<action>` for an action the examples lack (`closed`): the `edited` example, moved on. */
export function issueEventPayload(action: string, issue: IssueFields, sender: Person, label?: string): Payload {
  const known = ["edited", "labeled", "unlabeled", "opened", "deleted", "reopened"].includes(action);
  const p = issuesPayload(known ? action : "edited", issue, sender, label);
  p.action = action;
  if (action === "closed") p.issue.state = "closed";
  if (action !== "edited") delete p.changes;
  return p;
}

/** The status comment Archon keeps on issue `number`. */
export function statusComment(h: Harness, number: number) {
  const found = h.github.commentsOn(number).find((c) => c.body.includes("<!-- archon:status"));
  if (!found) throw new Error(`no status comment on #${number}`);
  return found;
}

/**
 * A person ticks the box whose line contains `label` in the status comment: GitHub saves the
 * edited text and sends `issue_comment.edited` with the old text, the comment still Archon's.
 */
export async function tick(h: Harness, number: number, label: string, person: Person = MAINTAINER, id?: string) {
  const status = statusComment(h, number);
  const before = status.body;
  const lines = before.split("\n");
  const at = lines.findIndex((l) => l.includes(label) && l.includes("- [ ]"));
  if (at === -1) throw new Error(`no unticked box "${label}" in:\n${before}`);
  lines[at] = lines[at]!.replace("- [ ]", "- [x]");
  status.body = lines.join("\n");
  const payload = commentPayload("edited", number, { id: status.id, body: status.body, previousBody: before }, person, h.issueText(number));
  payload.comment.user = asUser(payload.comment.user, BOT as Person);
  return h.deliver("issue_comment", payload, id);
}

/** A review on Archon's pull request, as GitHub sends it. */
export async function review(h: Harness, pr: { number: number; headSha: string }, state: string, body: string, reviewer: Person = MAINTAINER) {
  const payload = reviewPayload({ number: pr.number, branch: "archon/issue-7", headSha: pr.headSha, state, body }, reviewer);
  return h.deliver("pull_request_review", payload);
}
