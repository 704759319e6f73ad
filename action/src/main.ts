import * as core from "@actions/core";
import * as github from "@actions/github";
import { actionContext, blobUrl, externalId, runUrl, type ActionContext } from "./action-context.js";
import { publishCheckRun } from "./github/check-run.js";
import { listChangedFiles } from "./github/changed-files.js";
import type { Octokit } from "./github/octokit.js";
import { readInputs } from "./inputs.js";
import { diskRepository, type Repository } from "./junit/repository.js";
import { buildAnnotations } from "./report/annotations.js";
import { conclusionOf, titleOf } from "./report/conclusion.js";
import { logFailures } from "./report/log.js";
import { renderSummary } from "./report/summary.js";
import { buildTestRun, type ReportProblem } from "./report/test-run.js";
import { findReports } from "./reports/find-reports.js";
import { loadReports } from "./reports/load-reports.js";

/** Everything `run` reaches outside itself; tests and benchmarks pass their own. */
export interface RunDependencies {
  octokit?: Octokit;
  context?: ActionContext;
  repository?: Repository;
}

/** Inputs → JUnit reports → check run, job summary and outputs. */
export async function run(dependencies: RunDependencies = {}): Promise<void> {
  try {
    const inputs = readInputs((name) => core.getInput(name));
    const context =
      dependencies.context ?? actionContext(github.context, process.env.GITHUB_WORKSPACE ?? process.cwd());
    const repository = dependencies.repository ?? diskRepository(context.workspace);
    const octokit = dependencies.octokit ?? github.getOctokit(inputs.githubToken);

    const found = await findReports(inputs.reports, context.workspace);
    const loaded = await loadReports(found.files, context.workspace);
    const unmatched = found.unmatched.map((glob): ReportProblem => ({
      kind: "unmatched-glob",
      subject: glob,
      reason: "no such file",
    }));
    const testRun = buildTestRun(loaded.reports, [...unmatched, ...loaded.problems], repository);
    for (const problem of loaded.problems) core.warning(`Skipped ${problem.subject}: ${problem.reason}`);
    logFailures(testRun.failures, (line) => core.info(line));

    const changedFiles =
      inputs.annotateOnlyChangedFiles && context.pullNumber !== undefined
        ? await listChangedFiles(octokit, { owner: context.owner, repo: context.repo, number: context.pullNumber })
        : undefined;
    const summary = renderSummary(testRun, {
      name: inputs.name,
      linkTo: (location) => blobUrl(context, location.path, location.line),
    });
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write();

    const checkRun = await publishCheckRun(octokit, {
      owner: context.owner,
      repo: context.repo,
      headSha: context.headSha,
      name: inputs.name,
      externalId: externalId(context, inputs.name),
      detailsUrl: runUrl(context),
      conclusion: conclusionOf(testRun),
      title: titleOf(testRun),
      summary,
      annotations: buildAnnotations(testRun.failures, changedFiles),
    });

    const { passed, failed, skipped, total } = testRun.totals;
    core.setOutput("passed", passed);
    core.setOutput("failed", failed);
    core.setOutput("skipped", skipped);
    core.setOutput("total", total);
    core.setOutput("check-run-url", checkRun.url);

    if (found.unmatched.length > 0) {
      core.setFailed(`No JUnit report matched ${found.unmatched.map((glob) => `"${glob}"`).join(", ")}`);
    } else if (inputs.failOnFailure && failed > 0) {
      core.setFailed(`${failed} of ${total} tests failed: ${checkRun.url}`);
    }
  } catch (error) {
    core.setFailed(explain(error));
  }
}

function explain(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = (error as { status?: unknown }).status;
  // GITHUB_TOKEN is read-only on pull requests from forks and without `checks: write`.
  if (status === 403 || status === 404) {
    return `${error.message}. The token needs "checks: write" (and "pull-requests: read" for annotate-only-changed-files); pull requests from forks get a read-only token.`;
  }
  return error.message;
}
