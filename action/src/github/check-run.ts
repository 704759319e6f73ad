import { inBatches, type Annotation } from "../report/annotations.js";
import type { Conclusion } from "../report/conclusion.js";
import type { Octokit } from "./octokit.js";

export interface CheckRunReport {
  owner: string;
  repo: string;
  /** The commit under test: a pull request's head, never its merge commit. */
  headSha: string;
  name: string;
  /** Stable across reruns of the same job, so a rerun updates its check run instead of adding one. */
  externalId: string;
  detailsUrl?: string;
  conclusion: Conclusion;
  title: string;
  summary: string;
  annotations: Annotation[];
}

export interface PublishedCheckRun {
  id: number;
  url: string;
}

/**
 * 1. Find this job's check run on the commit by `external_id`, or create it.
 * 2. Send the annotations 50 per request: the first batch with the create (or first update), one
 *    update per further batch. The check run completes with the last request, so whoever waits for
 *    `check_run.completed` sees every annotation.
 * On a rerun, annotations already on the check run are not sent again (GitHub appends them).
 */
export async function publishCheckRun(octokit: Octokit, report: CheckRunReport): Promise<PublishedCheckRun> {
  const { owner, repo } = report;
  const existing = await findCheckRun(octokit, report);
  const annotations = existing === undefined ? report.annotations : await unsent(octokit, report, existing);
  const batches = annotations.length === 0 ? [[]] : inBatches(annotations);
  const output = { title: report.title, summary: report.summary };
  let checkRun = existing;
  for (const [index, batch] of batches.entries()) {
    const last = index === batches.length - 1;
    const state = last
      ? { status: "completed" as const, conclusion: report.conclusion }
      : { status: "in_progress" as const };
    const body = { ...state, output: { ...output, annotations: batch } };
    if (checkRun === undefined) {
      const { data } = await octokit.rest.checks.create({
        owner,
        repo,
        name: report.name,
        head_sha: report.headSha,
        external_id: report.externalId,
        ...(report.detailsUrl === undefined ? {} : { details_url: report.detailsUrl }),
        ...body,
      });
      checkRun = { id: data.id, url: data.html_url ?? "" };
    } else {
      await octokit.rest.checks.update({ owner, repo, check_run_id: checkRun.id, ...body });
    }
  }
  if (checkRun === undefined) throw new Error("no check run was created");
  return checkRun;
}

async function findCheckRun(octokit: Octokit, report: CheckRunReport): Promise<PublishedCheckRun | undefined> {
  const { data } = await octokit.rest.checks.listForRef({
    owner: report.owner,
    repo: report.repo,
    ref: report.headSha,
    check_name: report.name,
    filter: "all",
    per_page: 100,
  });
  const found = data.check_runs.find((checkRun) => checkRun.external_id === report.externalId);
  return found === undefined ? undefined : { id: found.id, url: found.html_url ?? "" };
}

async function unsent(octokit: Octokit, report: CheckRunReport, checkRun: PublishedCheckRun): Promise<Annotation[]> {
  const present = await octokit.paginate(octokit.rest.checks.listAnnotations, {
    owner: report.owner,
    repo: report.repo,
    check_run_id: checkRun.id,
    per_page: 100,
  });
  const keys = new Set(present.map((annotation) => annotationKey(annotation)));
  return report.annotations.filter((annotation) => !keys.has(annotationKey(annotation)));
}

function annotationKey(annotation: {
  path: string;
  start_line: number;
  title?: string | null;
  message?: string | null;
}): string {
  return JSON.stringify([annotation.path, annotation.start_line, annotation.title ?? "", annotation.message ?? ""]);
}
