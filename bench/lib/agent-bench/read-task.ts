import { readFile } from "node:fs/promises";
import path from "node:path";
import { declineReason } from "./decline-reason.js";
import { falseDoneDetail } from "./false-done.js";

/** One task of a run, from the files run.sh left in WORK/<repo>/<task>/. */
export interface AgentTaskResult {
  repo: string;
  task: string;
  accepted: boolean;
  criteriaPassed: number;
  criteriaTotal: number;
  /** `archon run`'s exit code; null when it did not run (see note). */
  archonExitCode: number | null;
  seconds: number | null;
  /** Archon's branch; null when it made none. */
  branch: string | null;
  /** No branch: why, in Archon's words. */
  declineReason?: string | undefined;
  /** Exit 0 (tests pass, work done) yet not accepted: what failed. */
  falseDone?: string | undefined;
  /** The task never reached Archon (its repository missing from the mirror, say): run.sh's note. */
  note?: string | undefined;
}

/** The parts of run.sh's result.json read here. */
interface ResultJson {
  repo?: string;
  task?: string;
  archon_rc?: number;
  secs?: number;
  branch?: string;
  branch_tests?: string;
  accept_branch?: string;
  criteria_passed?: number;
  criteria_total?: number;
  accepted?: boolean;
}

async function readText(file: string): Promise<string | undefined> {
  return readFile(file, "utf8").catch(() => undefined);
}

function numberOr(value: unknown, fallback: number | null): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

/**
 * Reads WORK/<repo>/<task>/: result.json for the verdict, archon.log for why a task got no branch,
 * accept-branch.log for what a false "done" got wrong. `criteriaTotal` is targets.json's count,
 * for a task that stopped before its result.json.
 */
export async function readAgentTask(work: string, repo: string, task: string, criteriaTotal = 0): Promise<AgentTaskResult> {
  const dir = path.join(work, repo, task);
  const json = await readText(path.join(dir, "result.json"));
  if (json === undefined) {
    const note = (await readText(path.join(dir, "NOTE")))?.trim() || "no result.json: run.sh stopped before the task's checks";
    return { repo, task, accepted: false, criteriaPassed: 0, criteriaTotal, archonExitCode: null, seconds: null, branch: null, note };
  }
  const r = JSON.parse(json) as ResultJson;
  const rcText = (await readText(path.join(dir, "archon.rc")))?.trim();
  const archonExitCode = numberOr(r.archon_rc, rcText ? Number(rcText) : null);
  const branch = r.branch ? r.branch : null;
  const result: AgentTaskResult = {
    repo,
    task,
    accepted: r.accepted === true,
    criteriaPassed: numberOr(r.criteria_passed, 0)!,
    criteriaTotal: numberOr(r.criteria_total, criteriaTotal)!,
    archonExitCode,
    seconds: numberOr(r.secs, null),
    branch,
  };
  if (!branch) result.declineReason = declineReason((await readText(path.join(dir, "archon.log"))) ?? "", archonExitCode);
  if (archonExitCode === 0 && !result.accepted) {
    result.falseDone = falseDoneDetail({ branch, branchTests: r.branch_tests, acceptBranch: r.accept_branch, acceptLog: await readText(path.join(dir, "accept-branch.log")) });
  }
  return result;
}
