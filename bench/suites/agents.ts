import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readAgentTask } from "../lib/agent-bench/read-task.js";
import { readCriteriaTotals } from "../lib/agent-bench/read-targets.js";
import { agentBenchRows, countAgentTasks } from "../lib/agent-bench/report.js";
import { runAgentBenchScript } from "../lib/agent-bench/run-script.js";
import { agentBenchSetup } from "../lib/agent-bench/setup.js";
import { type SuiteResult, skipped } from "../lib/result.js";

const ROOT = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));

/**
 * Archon's local mode on the agent benchmark's real repositories and tasks: runs its run.sh on
 * this checkout (built by `npm run bench`), then reads every task it ran for the verdicts, the
 * declines in Archon's words and the false "done" reports.
 */
export async function benchAgents(env: NodeJS.ProcessEnv, log: NodeJS.WritableStream): Promise<SuiteResult> {
  const found = agentBenchSetup(env, ROOT);
  if (!found.ok) return skipped("agents", found.note);
  const { dir, runScript, mirror, filters } = found.setup;
  const work = found.setup.work ?? (await mkdtemp(path.join(tmpdir(), "archon-agent-bench-")));
  await mkdir(work, { recursive: true });
  log.write(`agents: ${runScript} ${mirror} ${work}${filters.length > 0 ? ` ${filters.join(" ")}` : ""}\n`);
  const run = await runAgentBenchScript({ runScript, mirror, work, filters, archonDir: ROOT, env }, log);
  const setup = { dir, mirror, work, filters, runExitCode: run.exitCode, runFinalLine: run.finalLine };
  if (run.started.length === 0 && run.exitCode !== 0) {
    return { name: "agents", status: "failed", note: `run.sh exited ${run.exitCode ?? "on a signal"}: ${run.lastLine ?? "no output"}`, rows: [], data: setup };
  }
  const totals = await readCriteriaTotals(dir);
  const tasks = await Promise.all(
    run.started.map((key) => {
      const [repo, task] = key.split("/") as [string, string];
      return readAgentTask(work, repo, task, totals.get(key));
    }),
  );
  const counts = countAgentTasks(tasks);
  const rows = agentBenchRows(counts, tasks, work);
  // The tasks it finished are still figures; how it stopped is one more row.
  if (run.exitCode !== 0) rows.push({ metric: "run.sh stopped early", archon: `exit ${run.exitCode ?? "on a signal"}: ${run.lastLine ?? "no output"}` });
  return { name: "agents", status: "ok", rows, data: { ...setup, ...counts, tasks } };
}

export function benchAgentsSuite(): Promise<SuiteResult> {
  return benchAgents(process.env, process.stderr);
}
