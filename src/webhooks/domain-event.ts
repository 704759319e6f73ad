import type { z } from "zod";
import { findMarkedTask } from "../render/marker.js";
import { CheckRunPayload, CheckSuitePayload, InstallationPayload, InstallationRepositoriesPayload, IssueCommentPayload, IssuesPayload, PullRequestPayload, PullRequestReviewPayload, type Repo, WorkflowRunPayload } from "./schema.js";

/** Archon's branches: only CI and pull request events on these concern a task. */
export const BRANCH_PREFIX = "archon/";
/** A comment body is cut here before it is stored; commands live in the first lines. */
export const MAX_BODY = 65_536;

export interface RepoInfo {
  id: number;
  fullName: string;
  defaultBranch: string;
  private: boolean;
}

export interface Actor {
  login: string;
  isBot: boolean;
}

/** What Archon keeps of a webhook delivery: plain data the worker acts on, no Probot Context. */
export type DomainEvent =
  | {
      type: "installation";
      action: string;
      installationId: number;
      account: { login: string; type: string };
      repositories: { id: number; fullName: string; private: boolean }[];
    }
  | {
      type: "installation_repositories";
      action: string;
      installationId: number;
      account: { login: string; type: string };
      added: { id: number; fullName: string; private: boolean }[];
      removed: { id: number; fullName: string; private: boolean }[];
    }
  | {
      type: "issue";
      action: string;
      installationId: number;
      repo: RepoInfo;
      issue: {
        number: number;
        title: string;
        body: string;
        labels: string[];
        author: string;
        isPullRequest: boolean;
        /**
         * GitHub says the issue is closed: a labeling of a closed issue, or one whose payload was
         * built once the issue was closed, starts no work. Absent in older jobs.
         */
        closed: boolean | undefined;
      };
      label: string | undefined;
      /**
       * When it happened (GitHub's `issue.updated_at`, whole seconds): tells a label removal from
       * the labeling it undoes when the two are processed out of order. Absent in older jobs.
       */
      at: string | undefined;
      sender: Actor;
    }
  | {
      type: "comment";
      action: "created" | "edited";
      installationId: number;
      repo: RepoInfo;
      issue: {
        number: number;
        title: string;
        /** The issue's text when the comment was made (cut like an issue's); absent in older jobs. */
        body?: string | undefined;
        isPullRequest: boolean;
        labels: string[];
        /**
         * On a pull request a bot opened: the task its body's `archon:pr` marker names, so a
         * comment there finds its task before the task has recorded the pull request. Absent in
         * older jobs.
         */
        markedTask: string | undefined;
      };
      comment: { id: number; body: string; author: Actor; previousBody: string | undefined };
      sender: Actor;
    }
  | {
      type: "ci";
      source: "check_run" | "check_suite" | "workflow_run";
      installationId: number;
      repo: RepoInfo;
      id: number;
      name: string;
      headSha: string;
      headBranch: string | undefined;
      conclusion: string;
      externalId: string | undefined;
      url: string | undefined;
      pullRequests: number[];
      appSlug: string | undefined;
    }
  | {
      type: "pull_request_closed";
      installationId: number;
      repo: RepoInfo;
      number: number;
      merged: boolean;
      headRef: string;
      headSha: string;
      mergeCommitSha: string | undefined;
      url: string | undefined;
      sender: Actor;
    }
  | {
      type: "review";
      installationId: number;
      repo: RepoInfo;
      number: number;
      headRef: string;
      state: string;
      body: string;
      reviewer: Actor;
    };

export type Intake = { kind: "event"; event: DomainEvent } | { kind: "ignored"; reason: string };

function repoInfo(r: Repo): RepoInfo {
  return { id: r.id, fullName: r.full_name, defaultBranch: r.default_branch, private: r.private };
}

function actor(u: { login: string; type: string }): Actor {
  return { login: u.login, isBot: u.type === "Bot" || u.login.endsWith("[bot]") };
}

function cut(text: string | null | undefined): string {
  const t = text ?? "";
  return t.length > MAX_BODY ? t.slice(0, MAX_BODY) : t;
}

/** A timestamp as ISO text, or undefined when it is missing or not a time. */
function instant(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The task id in the `archon:pr` marker of a pull request a bot opened, or undefined. */
function markedTask(issue: { pull_request?: unknown; user: { login: string; type: string }; body: string | null }): string | undefined {
  if (issue.pull_request === undefined || !actor(issue.user).isBot) return undefined;
  const id = findMarkedTask(issue.body ?? "", "pr");
  return id !== undefined && /^\d+$/.test(id) ? id : undefined;
}

function parse<T extends z.ZodType>(schema: T, payload: unknown): z.infer<T> | string {
  const r = schema.safeParse(payload);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  return `payload does not match: ${first ? `${first.path.join(".") || "(root)"}: ${first.message}` : "unknown"}`;
}

const ISSUE_ACTIONS = new Set(["opened", "labeled", "unlabeled", "edited", "closed", "deleted", "reopened"]);

/**
 * Decides, from the delivery alone and without any API call, whether it may concern Archon, and
 * keeps what the worker will need. Pure; never throws.
 */
export function toDomainEvent(name: string, payload: unknown): Intake {
  const action = (payload as { action?: unknown } | null)?.action;
  const key = typeof action === "string" ? `${name}.${action}` : name;
  if (name !== "installation" && name !== "installation_repositories") {
    const p = payload as { repository?: unknown; installation?: unknown } | null;
    if (!p?.repository) return { kind: "ignored", reason: `${key}: payload without a repository` };
    if (!p.installation) return { kind: "ignored", reason: `${key}: payload without an installation` };
  }
  switch (name) {
    case "installation": {
      const p = parse(InstallationPayload, payload);
      if (typeof p === "string") return { kind: "ignored", reason: `${key}: ${p}` };
      return {
        kind: "event",
        event: {
          type: "installation",
          action: p.action,
          installationId: p.installation.id,
          account: p.installation.account,
          repositories: (p.repositories ?? []).map((r) => ({ id: r.id, fullName: r.full_name, private: r.private })),
        },
      };
    }
    case "installation_repositories": {
      const p = parse(InstallationRepositoriesPayload, payload);
      if (typeof p === "string") return { kind: "ignored", reason: `${key}: ${p}` };
      const map = (rs: typeof p.repositories_added) => rs.map((r) => ({ id: r.id, fullName: r.full_name, private: r.private }));
      return {
        kind: "event",
        event: {
          type: "installation_repositories",
          action: p.action,
          installationId: p.installation.id,
          account: p.installation.account,
          added: map(p.repositories_added),
          removed: map(p.repositories_removed),
        },
      };
    }
    case "issues": {
      if (typeof action !== "string" || !ISSUE_ACTIONS.has(action)) return { kind: "ignored", reason: `${key}: not an action Archon follows` };
      const p = parse(IssuesPayload, payload);
      if (typeof p === "string") return { kind: "ignored", reason: `${key}: ${p}` };
      if (p.issue.pull_request !== undefined) return { kind: "ignored", reason: `${key}: a pull request, not an issue` };
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
    }
    case "issue_comment": {
      if (action !== "created" && action !== "edited") return { kind: "ignored", reason: `${key}: not an action Archon follows` };
      const p = parse(IssueCommentPayload, payload);
      if (typeof p === "string") return { kind: "ignored", reason: `${key}: ${p}` };
      const sender = actor(p.sender);
      // Bot comments, Archon's own included, never trigger anything.
      if (sender.isBot) return { kind: "ignored", reason: `${key}: comment by a bot` };
      const body = p.comment.body ?? "";
      const ticksStatus = action === "edited" && body.includes("<!-- archon:status");
      if (!ticksStatus && !/\/archon\b/i.test(body)) return { kind: "ignored", reason: `${key}: no /archon command` };
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
    }
    case "check_run": {
      if (action !== "completed") return { kind: "ignored", reason: `${key}: not completed` };
      const p = parse(CheckRunPayload, payload);
      if (typeof p === "string") return { kind: "ignored", reason: `${key}: ${p}` };
      const branch = p.check_run.check_suite?.head_branch ?? undefined;
      if (branch !== undefined && !branch.startsWith(BRANCH_PREFIX)) return { kind: "ignored", reason: `${key}: not on an archon/ branch` };
      return {
        kind: "event",
        event: {
          type: "ci",
          source: "check_run",
          installationId: p.installation.id,
          repo: repoInfo(p.repository),
          id: p.check_run.id,
          name: p.check_run.name,
          headSha: p.check_run.head_sha,
          headBranch: branch,
          conclusion: p.check_run.conclusion ?? "neutral",
          externalId: p.check_run.external_id ?? undefined,
          url: p.check_run.html_url ?? undefined,
          pullRequests: p.check_run.pull_requests.map((pr) => pr.number),
          appSlug: p.check_run.app?.slug ?? undefined,
        },
      };
    }
    case "check_suite": {
      if (action !== "completed") return { kind: "ignored", reason: `${key}: not completed` };
      const p = parse(CheckSuitePayload, payload);
      if (typeof p === "string") return { kind: "ignored", reason: `${key}: ${p}` };
      if (!p.check_suite.head_branch?.startsWith(BRANCH_PREFIX)) return { kind: "ignored", reason: `${key}: not on an archon/ branch` };
      return {
        kind: "event",
        event: {
          type: "ci",
          source: "check_suite",
          installationId: p.installation.id,
          repo: repoInfo(p.repository),
          id: p.check_suite.id,
          name: "check suite",
          headSha: p.check_suite.head_sha,
          headBranch: p.check_suite.head_branch,
          conclusion: p.check_suite.conclusion ?? "neutral",
          externalId: undefined,
          url: undefined,
          pullRequests: p.check_suite.pull_requests.map((pr) => pr.number),
          appSlug: undefined,
        },
      };
    }
    case "workflow_run": {
      if (action !== "completed") return { kind: "ignored", reason: `${key}: not completed` };
      const p = parse(WorkflowRunPayload, payload);
      if (typeof p === "string") return { kind: "ignored", reason: `${key}: ${p}` };
      if (!p.workflow_run.head_branch?.startsWith(BRANCH_PREFIX)) return { kind: "ignored", reason: `${key}: not on an archon/ branch` };
      return {
        kind: "event",
        event: {
          type: "ci",
          source: "workflow_run",
          installationId: p.installation.id,
          repo: repoInfo(p.repository),
          id: p.workflow_run.id,
          name: p.workflow_run.name ?? "workflow",
          headSha: p.workflow_run.head_sha,
          headBranch: p.workflow_run.head_branch,
          conclusion: p.workflow_run.conclusion ?? "neutral",
          externalId: undefined,
          url: p.workflow_run.html_url ?? undefined,
          pullRequests: p.workflow_run.pull_requests.map((pr) => pr.number),
          appSlug: undefined,
        },
      };
    }
    case "pull_request": {
      if (action !== "closed") return { kind: "ignored", reason: `${key}: not an action Archon follows` };
      const p = parse(PullRequestPayload, payload);
      if (typeof p === "string") return { kind: "ignored", reason: `${key}: ${p}` };
      if (!p.pull_request.head.ref.startsWith(BRANCH_PREFIX)) return { kind: "ignored", reason: `${key}: not Archon's pull request` };
      return {
        kind: "event",
        event: {
          type: "pull_request_closed",
          installationId: p.installation.id,
          repo: repoInfo(p.repository),
          number: p.pull_request.number,
          merged: p.pull_request.merged === true,
          headRef: p.pull_request.head.ref,
          headSha: p.pull_request.head.sha,
          mergeCommitSha: p.pull_request.merge_commit_sha ?? undefined,
          url: p.pull_request.html_url ?? undefined,
          sender: actor(p.sender),
        },
      };
    }
    case "pull_request_review": {
      if (action !== "submitted") return { kind: "ignored", reason: `${key}: not an action Archon follows` };
      const p = parse(PullRequestReviewPayload, payload);
      if (typeof p === "string") return { kind: "ignored", reason: `${key}: ${p}` };
      if (!p.pull_request.head.ref.startsWith(BRANCH_PREFIX)) return { kind: "ignored", reason: `${key}: not Archon's pull request` };
      if (p.review.state !== "changes_requested") return { kind: "ignored", reason: `${key}: review state ${p.review.state}` };
      const reviewer = actor(p.review.user);
      if (reviewer.isBot) return { kind: "ignored", reason: `${key}: review by a bot` };
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
    }
    default:
      return { kind: "ignored", reason: `${key}: not an event Archon follows` };
  }
}
