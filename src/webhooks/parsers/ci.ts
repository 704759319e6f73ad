import { CheckRunPayload, CheckSuitePayload, WorkflowRunPayload } from "../schema.js";
import { BRANCH_PREFIX, type EventParser, actionOf, ignored, parse, repoInfo } from "./payload-parts.js";

const NOT_ARCHON_BRANCH = "not on an archon/ branch";

/** `check_run` completed on an archon/ branch (or on a commit whose suite names no branch). */
export const onCheckRun: EventParser = (payload, key) => {
  if (actionOf(payload) !== "completed") return ignored(key, "not completed");
  const p = parse(CheckRunPayload, payload);
  if (typeof p === "string") return ignored(key, p);
  const run = p.check_run;
  const branch = run.check_suite?.head_branch ?? undefined;
  if (branch !== undefined && !branch.startsWith(BRANCH_PREFIX)) return ignored(key, NOT_ARCHON_BRANCH);
  return {
    kind: "event",
    event: {
      type: "ci",
      source: "check_run",
      installationId: p.installation.id,
      repo: repoInfo(p.repository),
      id: run.id,
      name: run.name,
      headSha: run.head_sha,
      headBranch: branch,
      conclusion: run.conclusion ?? "neutral",
      externalId: run.external_id ?? undefined,
      url: run.html_url ?? undefined,
      pullRequests: run.pull_requests.map((pr) => pr.number),
      appSlug: run.app?.slug ?? undefined,
    },
  };
};

/** `check_suite` completed on an archon/ branch. */
export const onCheckSuite: EventParser = (payload, key) => {
  if (actionOf(payload) !== "completed") return ignored(key, "not completed");
  const p = parse(CheckSuitePayload, payload);
  if (typeof p === "string") return ignored(key, p);
  const suite = p.check_suite;
  if (!suite.head_branch?.startsWith(BRANCH_PREFIX)) return ignored(key, NOT_ARCHON_BRANCH);
  return {
    kind: "event",
    event: {
      type: "ci",
      source: "check_suite",
      installationId: p.installation.id,
      repo: repoInfo(p.repository),
      id: suite.id,
      name: "check suite",
      headSha: suite.head_sha,
      headBranch: suite.head_branch,
      conclusion: suite.conclusion ?? "neutral",
      externalId: undefined,
      url: undefined,
      pullRequests: suite.pull_requests.map((pr) => pr.number),
      appSlug: undefined,
    },
  };
};

/** `workflow_run` completed on an archon/ branch. */
export const onWorkflowRun: EventParser = (payload, key) => {
  if (actionOf(payload) !== "completed") return ignored(key, "not completed");
  const p = parse(WorkflowRunPayload, payload);
  if (typeof p === "string") return ignored(key, p);
  const run = p.workflow_run;
  if (!run.head_branch?.startsWith(BRANCH_PREFIX)) return ignored(key, NOT_ARCHON_BRANCH);
  return {
    kind: "event",
    event: {
      type: "ci",
      source: "workflow_run",
      installationId: p.installation.id,
      repo: repoInfo(p.repository),
      id: run.id,
      name: run.name ?? "workflow",
      headSha: run.head_sha,
      headBranch: run.head_branch,
      conclusion: run.conclusion ?? "neutral",
      externalId: undefined,
      url: run.html_url ?? undefined,
      pullRequests: run.pull_requests.map((pr) => pr.number),
      appSlug: undefined,
    },
  };
};
