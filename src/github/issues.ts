import { type RepoTarget, NO_RETRY, orNotFound } from "./client.js";
import { createComment, findCommentByMarker } from "./comments.js";
import { createOnce } from "./create-once.js";
import { hiddenMarker, withMarker } from "./markers.js";
import { diffStatusLabels, isStatusLabel, labelStyle } from "./task-labels.js";

export interface SetTaskLabelsInput extends RepoTarget {
  issueNumber: number;
  /** The `archon:*` labels the issue should carry: one, or none once the task is over. */
  labels: string[];
}

export interface SetTaskLabelsResult {
  /** Stale status labels taken off the issue. */
  removed: string[];
}

interface RawLabel {
  name: string;
  color?: string | null;
  description?: string | null;
}

/**
 * GitHub creates a label it does not know when it is added to an issue, grey and without a
 * description. Such a label gets Archon's colour and description once, afterwards; a label a
 * person styled (or described) is left as it is.
 */
async function styleBareLabels(target: RepoTarget, added: string[], onIssue: RawLabel[]): Promise<void> {
  const { octokit, owner, repo } = target;
  for (const name of added) {
    const label = onIssue.find((l) => l.name.toLowerCase() === name.toLowerCase());
    if (label === undefined || (label.description ?? "") !== "") continue;
    const style = labelStyle(name);
    if (label.color?.toLowerCase() === style.color) continue;
    await octokit.rest.issues.updateLabel({ owner, repo, name: label.name, ...style });
  }
}

/**
 * Makes the issue carry exactly the given status labels, leaving every other label alone. The
 * labels are added first: GitHub answers with every label the issue then carries, so the stale
 * status labels are known without reading the issue (one request when nothing is stale).
 */
export async function setTaskLabels(input: SetTaskLabelsInput): Promise<SetTaskLabelsResult> {
  const { octokit, owner, repo, issueNumber } = input;
  const foreign = input.labels.filter((l) => !isStatusLabel(l));
  if (foreign.length > 0) throw new Error(`not Archon status labels: ${foreign.join(", ")}`);
  let current: RawLabel[];
  let added: string[] = [];
  if (input.labels.length > 0) {
    // Adding a label the issue already has changes nothing, so the retry plugin may resend this.
    const { data } = await octokit.rest.issues.addLabels({ owner, repo, issue_number: issueNumber, labels: input.labels });
    current = data;
    added = input.labels;
  } else {
    current = await octokit.paginate(octokit.rest.issues.listLabelsOnIssue, { owner, repo, issue_number: issueNumber, per_page: 100 });
  }
  const diff = diffStatusLabels(current.map((l) => l.name), input.labels);
  for (const name of diff.remove) {
    await orNotFound(() => octokit.rest.issues.removeLabel({ owner, repo, issue_number: issueNumber, name }));
  }
  await styleBareLabels(input, added, current);
  return { removed: diff.remove };
}

export type ReactionContent = "+1" | "-1" | "laugh" | "confused" | "heart" | "hooray" | "rocket" | "eyes";

export type ReactionInput = RepoTarget & { content: ReactionContent } & (
    | { commentId: number | string; issueNumber?: undefined }
    | { issueNumber: number; commentId?: undefined }
  );

/** Reacts to a comment or an issue. GitHub answers 200 for a reaction that already exists. */
export async function addReaction(input: ReactionInput): Promise<{ id: number; created: boolean }> {
  const { octokit, owner, repo, content } = input;
  const response =
    input.commentId !== undefined
      ? await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: Number(input.commentId), content })
      : await octokit.rest.reactions.createForIssue({ owner, repo, issue_number: input.issueNumber, content });
  return { id: response.data.id, created: response.status === 201 };
}

export interface ReplyInput extends RepoTarget {
  issueNumber: number;
  /** Idempotency key of the command being answered. */
  key: string;
  body: string;
}

export interface ReplyResult {
  id: number;
  url: string;
  action: "created" | "existing";
}

/** A comment answering a command, posted once per key however often the job runs. */
export async function reply(input: ReplyInput): Promise<ReplyResult> {
  const { issueNumber } = input;
  const marker = hiddenMarker("reply", input.key);
  const { value, created } = await createOnce({
    find: () => findCommentByMarker(input, issueNumber, marker),
    create: () => createComment(input, issueNumber, withMarker(input.body, marker)),
  });
  return { id: value.id, url: value.url, action: created ? "created" : "existing" };
}

export interface OpenIssueInput extends RepoTarget {
  /** Idempotency key, e.g. the API task's id. */
  key: string;
  title: string;
  body: string;
  /** The task label (and any other labels the issue starts with). */
  labels: string[];
  /** The App's bot login (`<slug>[bot]`): narrows the search to issues the App opened. */
  creator?: string;
}

export interface OpenIssueResult {
  number: number;
  nodeId: string;
  url: string;
  action: "created" | "existing";
}

interface RawIssue {
  number: number;
  node_id: string;
  html_url: string;
  body?: string | null;
  user: { type?: string } | null;
  pull_request?: unknown;
}

function toOpened(issue: RawIssue) {
  return { number: issue.number, nodeId: issue.node_id, url: issue.html_url };
}

async function findIssue(input: OpenIssueInput, marker: string): Promise<RawIssue | undefined> {
  const { octokit, owner, repo, creator } = input;
  const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
    owner, repo, state: "all", sort: "created", direction: "desc", per_page: 100, ...(creator ? { creator } : {}),
  });
  for await (const page of pages) {
    const found = page.data.find(
      (issue) => issue.pull_request === undefined && issue.user?.type === "Bot" && (issue.body ?? "").includes(marker),
    );
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Opens the issue for a task created through the API, once per key. */
export async function openIssue(input: OpenIssueInput): Promise<OpenIssueResult> {
  const { octokit, owner, repo, title, labels } = input;
  const marker = hiddenMarker("issue", input.key);
  const body = withMarker(input.body, marker);
  const { value, created } = await createOnce<RawIssue>({
    find: () => findIssue(input, marker),
    create: async () => (await octokit.rest.issues.create({ owner, repo, title, body, labels, request: NO_RETRY })).data,
  });
  return { ...toOpened(value), action: created ? "created" : "existing" };
}

/** The repository's default branch, as GitHub has it now. */
export async function readDefaultBranch(target: RepoTarget): Promise<string> {
  const { data } = await target.octokit.rest.repos.get({ owner: target.owner, repo: target.repo });
  return data.default_branch;
}
