import { loadavg } from "node:os";
import { createPglite, openDatabase } from "../../src/db/connect.js";
import { migrateToLatest } from "../../src/db/migrate.js";
import { type AgentLoopRun, agentLoopRows } from "../lib/agent-loop/report.js";
import { runAgentLoopTask } from "../lib/agent-loop/run-task.js";
import type { AgentMode } from "../lib/agent-loop/scripts.js";
import { TASKS } from "../lib/agent-loop/tasks.js";
import type { SuiteResult } from "../lib/result.js";

const MODES: AgentMode[] = ["loop", "single-shot"];

/**
 * `archon run` in local mode on the Fastify fixture with a scripted model that answers at once, so
 * every figure is Archon's: each task once with the tool loop and once single-shot, after one
 * untimed run that loads the modules and warms the JIT.
 */
export async function benchAgentLoopSuite(): Promise<SuiteResult> {
  const handle = await openDatabase({ pglite: await createPglite(undefined), schema: "bench_agent_loop" });
  try {
    await migrateToLatest(handle.db, "bench_agent_loop");
    await runAgentLoopTask(handle.db, TASKS[0]!, "loop");
    const runs: AgentLoopRun[] = [];
    for (const task of TASKS) {
      for (const mode of MODES) {
        process.stderr.write(`agent-loop: ${task.name}, ${mode} (load average ${loadavg()[0]!.toFixed(2)})\n`);
        runs.push(await runAgentLoopTask(handle.db, task, mode));
      }
    }
    return { name: "agent-loop", status: "ok", rows: agentLoopRows(runs), data: { runs } };
  } finally {
    await handle.close();
  }
}
