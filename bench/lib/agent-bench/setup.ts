import { existsSync } from "node:fs";
import path from "node:path";

/** Where the agent benchmark runs from and on, read from the environment. */
export interface AgentBenchSetup {
  /** The benchmark's folder: run.sh, targets.json, the acceptance scripts. */
  dir: string;
  runScript: string;
  /** Bare repositories as OWNER+NAME/repo. */
  mirror: string;
  /** Where each task leaves its evidence; undefined: a fresh temporary folder. */
  work: string | undefined;
  /** Substrings of "<repo>/<task>"; none runs every task. */
  filters: string[];
}

export type AgentBenchSetupResult = { ok: true; setup: AgentBenchSetup } | { ok: false; note: string };

export const DEFAULT_MIRROR = "/work/.mirror";

/**
 * AGENT_BENCH_DIR (default ../shared/agent-bench from the project root), AGENT_BENCH_MIRROR,
 * AGENT_BENCH_WORK and AGENT_BENCH_FILTER; a missing folder is a note saying which variable to
 * set, so the suite is skipped rather than failed.
 */
export function agentBenchSetup(env: NodeJS.ProcessEnv, root: string, exists: (p: string) => boolean = existsSync): AgentBenchSetupResult {
  const dir = path.resolve(root, env.AGENT_BENCH_DIR || "../shared/agent-bench");
  const runScript = path.join(dir, "run.sh");
  if (!exists(runScript)) {
    return { ok: false, note: `no agent benchmark at ${dir} (run.sh missing): set AGENT_BENCH_DIR to its folder` };
  }
  const mirror = path.resolve(root, env.AGENT_BENCH_MIRROR || DEFAULT_MIRROR);
  if (!exists(mirror)) {
    return { ok: false, note: `no repository mirror at ${mirror}: set AGENT_BENCH_MIRROR to a folder of bare repositories as OWNER+NAME/repo` };
  }
  const work = env.AGENT_BENCH_WORK ? path.resolve(root, env.AGENT_BENCH_WORK) : undefined;
  const filters = (env.AGENT_BENCH_FILTER ?? "").split(/\s+/).filter(Boolean);
  return { ok: true, setup: { dir, runScript, mirror, work, filters } };
}
