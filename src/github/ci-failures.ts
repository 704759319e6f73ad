import type { TestFailure } from "../domain/agent.js";
import { findBaseFailures, readCheckRunFailures } from "./check-results.js";
import { ARCHON_CHECK_NAME } from "./archon-check-run.js";
import type { RepoTarget } from "./client.js";

/** The CI run a webhook reported: a check run, a check suite or a workflow run on a head commit. */
interface CiEvent {
  source: "check_run" | "check_suite" | "workflow_run";
  id: number;
  name: string;
  headSha: string;
}

/** The repository the CI ran on, with the branch its base failures are read from. */
type RepoContext = RepoTarget & { defaultBranch: string };

export interface CiFailures {
  /** Failures the change caused: what a fix round answers. */
  failures: TestFailure[];
  /** Names of failing tests that fail on the base branch too. */
  preExisting: string[];
}

const RED = new Set(["failure", "timed_out"]);

/**
 * The check runs a red CI event stands for: a check run itself, or, for a check suite or a
 * workflow run (which carry no test results), the failed check runs on its head. Reading them
 * here means the fix knows what failed whichever of the three webhooks of one CI run comes first.
 */
async function redRuns(ctx: RepoContext, event: CiEvent): Promise<{ id: number; name: string }[]> {
  if (event.source === "check_run") return [{ id: event.id, name: event.name }];
  const { octokit, owner, repo } = ctx;
  const runs = await octokit.paginate(octokit.rest.checks.listForRef, {
    owner, repo, ref: event.headSha, status: "completed", filter: "latest", per_page: 100,
  });
  return runs
    .filter((run) => RED.has(run.conclusion ?? "") && run.name !== ARCHON_CHECK_NAME)
    .filter((run) => event.source !== "check_suite" || run.check_suite?.id === undefined || run.check_suite.id === event.id)
    .map((run) => ({ id: run.id, name: run.name }));
}

/** What a red CI run reports, less the tests already red on the base branch (not the change's fault). */
export async function readCiFailures(ctx: RepoContext, event: CiEvent): Promise<CiFailures> {
  const failures: TestFailure[] = [];
  const preExisting: string[] = [];
  for (const run of await redRuns(ctx, event)) {
    const found = (await readCheckRunFailures(ctx.octokit, ctx.owner, ctx.repo, run.id)).failures;
    if (found.length === 0) continue;
    const base = await findBaseFailures(ctx.octokit, ctx.owner, ctx.repo, ctx.defaultBranch, run.name).catch(() => undefined);
    const known = new Set((base?.failures ?? []).map((f) => f.name));
    for (const f of found) {
      if (known.has(f.name)) {
        if (!preExisting.includes(f.name)) preExisting.push(f.name);
      } else if (!failures.some((seen) => seen.name === f.name)) {
        failures.push(f);
      }
    }
  }
  return { failures, preExisting };
}
