import { createHash } from "node:crypto";
import type { context as githubContext } from "@actions/github";

/** What the Action needs to know about the workflow run it is part of. */
export interface ActionContext {
  owner: string;
  repo: string;
  /** The commit under test. */
  headSha: string;
  pullNumber?: number;
  workflow: string;
  job: string;
  runId: number;
  serverUrl: string;
  workspace: string;
}

/**
 * On `pull_request` GITHUB_SHA is a merge commit nobody looks at; the check run belongs on the
 * pull request's head, where the Checks tab and Archon look for it.
 */
export function actionContext(context: typeof githubContext, workspace: string): ActionContext {
  const payload = context.payload;
  const pull = payload.pull_request as { number?: number; head?: { sha?: string } } | undefined;
  const workflowRun = payload.workflow_run as { head_sha?: string } | undefined;
  const result: ActionContext = {
    owner: context.repo.owner,
    repo: context.repo.repo,
    headSha: pull?.head?.sha ?? workflowRun?.head_sha ?? context.sha,
    workflow: context.workflow,
    job: context.job,
    runId: context.runId,
    serverUrl: context.serverUrl,
    workspace,
  };
  if (typeof pull?.number === "number") result.pullNumber = pull.number;
  return result;
}

/** Same workflow, job and check name → same id, so a rerun finds the check run it made before. */
export function externalId(context: ActionContext, name: string): string {
  const digest = createHash("sha256").update(`${context.workflow}\n${context.job}\n${name}`).digest("hex");
  return `archon-tests:${digest.slice(0, 24)}`;
}

export function blobUrl(context: ActionContext, path: string, line: number): string {
  const file = path.split("/").map(encodeURIComponent).join("/");
  return `${context.serverUrl}/${context.owner}/${context.repo}/blob/${context.headSha}/${file}#L${line}`;
}

export function runUrl(context: ActionContext): string {
  return `${context.serverUrl}/${context.owner}/${context.repo}/actions/runs/${context.runId}`;
}
