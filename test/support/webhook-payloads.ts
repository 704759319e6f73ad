import { createRequire } from "node:module";

// The package's main is a JSON file; require keeps the import free of JSON module attributes.
const examples = createRequire(import.meta.url)("@octokit/webhooks-examples") as { name: string; examples: Record<string, unknown>[] }[];

export const INSTALLATION_ID = 4242;

/** A deep copy of a real example payload of `name` with `action`, so tests can change it freely. */
export function examplePayload(name: string, action: string, pick: (p: Record<string, unknown>) => boolean = () => true): Payload {
  const found = examples.find((e) => e.name === name)?.examples.find((p) => p.action === action && pick(p));
  if (!found) throw new Error(`no ${name}.${action} example in @octokit/webhooks-examples`);
  return structuredClone(found) as Payload;
}

// The examples are loosely typed JSON; tests reach into them by known field names.
export type Payload = Record<string, any>;

export interface Person {
  login: string;
  type?: "User" | "Bot";
}

function user(base: Payload, person: Person): Payload {
  return { ...base, login: person.login, type: person.type ?? "User" };
}

function withInstallation(p: Payload): Payload {
  p.installation = { id: INSTALLATION_ID, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };
  return p;
}

export interface IssueFields {
  number: number;
  title?: string;
  body?: string;
  labels?: string[];
  /** `issue.updated_at`; by default a second after the issue event built before. */
  updatedAt?: string;
}

// As on GitHub, each issue event happens after the one before it: `issue.updated_at` says when a
// label was added or removed, in whole seconds.
let issueClock = Date.UTC(2026, 0, 1);
function nextIssueStamp(): string {
  issueClock += 1000;
  return new Date(issueClock).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** `issues.<action>` from the real example, on the example's repository. */
export function issuesPayload(action: string, issue: IssueFields, sender: Person, label?: string): Payload {
  const p = withInstallation(examplePayload("issues", action));
  p.issue.number = issue.number;
  p.issue.title = issue.title ?? p.issue.title;
  p.issue.body = issue.body ?? "";
  p.issue.labels = (issue.labels ?? (label ? [label] : [])).map((name) => ({ ...(p.issue.labels?.[0] ?? {}), name }));
  p.issue.updated_at = issue.updatedAt ?? nextIssueStamp();
  p.sender = user(p.sender, sender);
  if (label !== undefined) p.label = { ...(p.label ?? {}), name: label };
  else delete p.label;
  return p;
}

/** `issue_comment.created` (or `edited`) by `author` on issue `number`. */
export function commentPayload(
  action: "created" | "edited",
  number: number,
  comment: { id: number; body: string; previousBody?: string },
  author: Person,
  issue?: { title: string; body: string },
): Payload {
  const p = withInstallation(examplePayload("issue_comment", action));
  p.issue.number = number;
  if (issue) Object.assign(p.issue, issue);
  delete p.issue.pull_request;
  p.comment.id = comment.id;
  p.comment.body = comment.body;
  p.comment.user = user(p.comment.user, author);
  p.sender = user(p.sender, author);
  if (action === "edited") p.changes = { body: { from: comment.previousBody ?? "" } };
  return p;
}

/** `check_run.completed` of another app's CI run on `branch` at `headSha`. */
export function checkRunPayload(run: { id: number; name: string; headSha: string; branch: string; conclusion: string; prNumber?: number }): Payload {
  const p = withInstallation(examplePayload("check_run", "completed"));
  p.check_run.id = run.id;
  p.check_run.name = run.name;
  p.check_run.head_sha = run.headSha;
  p.check_run.conclusion = run.conclusion;
  p.check_run.external_id = "";
  p.check_run.check_suite.head_branch = run.branch;
  p.check_run.check_suite.head_sha = run.headSha;
  p.check_run.pull_requests = run.prNumber === undefined ? [] : [{ ...p.check_run.pull_requests[0], number: run.prNumber }];
  return p;
}

/** `pull_request.closed` of Archon's pull request, merged or not. */
export function pullRequestClosedPayload(pr: { number: number; branch: string; headSha: string; merged: boolean }, sender: Person): Payload {
  const p = examplePayload("pull_request", "closed");
  p.installation = { id: INSTALLATION_ID, node_id: p.installation?.node_id ?? "x" };
  p.number = pr.number;
  p.pull_request.number = pr.number;
  p.pull_request.head.ref = pr.branch;
  p.pull_request.head.sha = pr.headSha;
  p.pull_request.merged = pr.merged;
  p.pull_request.merge_commit_sha = pr.merged ? "f".repeat(40) : null;
  p.sender = user(p.sender, sender);
  return p;
}
