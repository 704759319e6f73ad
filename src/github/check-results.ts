import type { TestFailure } from "../domain/agent.js";
import type { GitHubClient } from "./client.js";
import { parseSummaryFailures } from "./parse-check-summary.js";

export interface CheckRunFailures {
  checkRunId: number;
  conclusion: string | null;
  failures: TestFailure[];
}

interface RawAnnotation {
  path: string;
  start_line: number;
  annotation_level: string | null;
  title: string | null;
  message: string | null;
  raw_details: string | null;
}

function fromAnnotation(a: RawAnnotation): TestFailure {
  const message = [a.message ?? "", a.raw_details ?? ""].filter((t) => t !== "").join("\n\n");
  return { name: a.title ?? `${a.path}:${a.start_line}`, message, file: a.path, line: a.start_line };
}

/** Annotations carry exact locations; the summary adds the failures that had none. */
function merge(annotated: TestFailure[], summarised: TestFailure[]): TestFailure[] {
  const seen = (f: TestFailure) =>
    annotated.some((a) => (f.file !== undefined && a.file === f.file && a.line === f.line) || f.name.startsWith(a.name));
  return [...annotated, ...summarised.filter((f) => !seen(f))];
}

/** A check run's failing tests, from its failure annotations (every page) and its summary. */
export async function readCheckRunFailures(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  checkRunId: number,
): Promise<CheckRunFailures> {
  const { data: run } = await octokit.rest.checks.get({ owner, repo, check_run_id: checkRunId });
  const annotations =
    run.output.annotations_count > 0
      ? await octokit.paginate(octokit.rest.checks.listAnnotations, { owner, repo, check_run_id: checkRunId, per_page: 100 })
      : [];
  const annotated = annotations.filter((a) => a.annotation_level === "failure").map(fromAnnotation);
  const failures = merge(annotated, parseSummaryFailures(run.output.summary ?? ""));
  return { checkRunId: run.id, conclusion: run.conclusion, failures };
}

/**
 * The failures of the base commit's latest completed run of the same check: tests that were
 * already red before Archon's change, which a fix should not chase. Undefined when the base has
 * no such run.
 */
export async function findBaseFailures(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  baseSha: string,
  checkName: string,
): Promise<CheckRunFailures | undefined> {
  const runs = await octokit.paginate(octokit.rest.checks.listForRef, {
    owner, repo, ref: baseSha, check_name: checkName, status: "completed", filter: "latest", per_page: 100,
  });
  const latest = runs
    .filter((run) => run.completed_at !== null)
    .sort((a, b) => (b.completed_at ?? "").localeCompare(a.completed_at ?? ""))[0];
  if (latest === undefined) return undefined;
  return readCheckRunFailures(octokit, owner, repo, latest.id);
}
