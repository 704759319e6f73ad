import { onCheckRun, onCheckSuite, onWorkflowRun } from "./parsers/ci.js";
import { onInstallation, onInstallationRepositories } from "./parsers/installation.js";
import { onIssueComment } from "./parsers/issue-comment.js";
import { onIssues } from "./parsers/issues.js";
import { type EventParser, actionOf, ignored } from "./parsers/payload-parts.js";
import { onPullRequest, onPullRequestReview } from "./parsers/pull-request.js";

export { BRANCH_PREFIX, MAX_BODY } from "./parsers/payload-parts.js";

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

/** One parser per webhook event Archon follows. */
const PARSERS: Record<string, EventParser> = {
  installation: onInstallation,
  installation_repositories: onInstallationRepositories,
  issues: onIssues,
  issue_comment: onIssueComment,
  check_run: onCheckRun,
  check_suite: onCheckSuite,
  workflow_run: onWorkflowRun,
  pull_request: onPullRequest,
  pull_request_review: onPullRequestReview,
};

/** Events about an installation carry no repository; every other one needs both. */
const WITHOUT_REPOSITORY = new Set(["installation", "installation_repositories"]);

/**
 * Decides, from the delivery alone and without any API call, whether it may concern Archon, and
 * keeps what the worker will need. Pure; never throws.
 */
export function toDomainEvent(name: string, payload: unknown): Intake {
  const action = actionOf(payload);
  const key = typeof action === "string" ? `${name}.${action}` : name;
  const parser = Object.hasOwn(PARSERS, name) ? PARSERS[name] : undefined;
  if (!WITHOUT_REPOSITORY.has(name)) {
    const p = payload as { repository?: unknown; installation?: unknown } | null;
    if (!p?.repository) return ignored(key, "payload without a repository");
    if (!p.installation) return ignored(key, "payload without an installation");
  }
  return parser ? parser(payload, key) : ignored(key, "not an event Archon follows");
}
