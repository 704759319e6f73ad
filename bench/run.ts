import { mkdir, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { benchIntake } from "./intake.bench.js";
import { benchMemory } from "./memory.bench.js";
import { benchPipeline } from "./pipeline.bench.js";
import { benchActionSuite } from "./suites/action.js";
import { benchAgentLoopSuite } from "./suites/agent-loop.js";
import { benchAgentsSuite } from "./suites/agents.js";
import { benchKnowledgeSuite } from "./suites/knowledge.js";
import { benchQueueSuite } from "./suites/queue.js";
import type { BenchContext } from "./lib/context.js";
import { describeMachine } from "./lib/machine.js";
import type { SuiteResult } from "./lib/result.js";
import { findRealServices } from "./lib/services.js";
import { renderTable } from "./lib/table.js";

type Suite = (ctx: BenchContext) => Promise<SuiteResult>;

/** In the order they run: `npm run bench` runs them all, `npm run bench -- intake queue` some. */
const SUITES: Record<string, Suite> = {
  intake: benchIntake,
  memory: benchMemory,
  queue: benchQueueSuite,
  action: benchActionSuite,
  knowledge: benchKnowledgeSuite,
  pipeline: benchPipeline,
  "agent-loop": benchAgentLoopSuite,
  // Only when named: it runs Archon on real repositories for 10–20 minutes.
  agents: benchAgentsSuite,
};

/** What a bare `npm run bench` runs. */
const DEFAULT_SUITES = Object.keys(SUITES).filter((name) => name !== "agents");

const RESULTS_DIR = fileURLToPath(new URL("./results/", import.meta.url));

async function runSuite(name: string, suite: Suite, ctx: BenchContext): Promise<SuiteResult> {
  process.stderr.write(`bench: ${name}…\n`);
  const started = performance.now();
  try {
    const result = await suite(ctx);
    return { ...result, data: { ...result.data, suiteWallS: Math.round((performance.now() - started) / 100) / 10 } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { name, status: "failed", note: message.split("\n")[0], rows: [], data: { error: message } };
  }
}

async function main(argv: string[]): Promise<void> {
  const wanted = argv.length > 0 ? argv : DEFAULT_SUITES;
  const unknown = wanted.filter((n) => !(n in SUITES));
  if (unknown.length > 0) {
    process.stderr.write(`unknown suite ${unknown.join(", ")}; choose from: ${Object.keys(SUITES).join(", ")}\n`);
    process.exitCode = 2;
    return;
  }
  const services = await findRealServices();
  const ctx: BenchContext = { services, durationS: Number(process.env.BENCH_DURATION ?? 10) };
  const machine = describeMachine(services);
  const startedAt = new Date();
  const results: SuiteResult[] = [];
  for (const name of wanted) results.push(await runSuite(name, SUITES[name]!, ctx));

  // Figures are reported, never judged: a slow run still exits 0.
  const report = { startedAt: startedAt.toISOString(), machine: { ...machine, loadAverageAtEnd: Math.round(loadavg()[0]! * 100) / 100 }, results };
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  const file = `${RESULTS_DIR}${argv.length === 1 ? argv[0] : "all"}-${stamp}.json`;
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  const m = report.machine;
  process.stdout.write(
    `\nArchon benchmarks, ${startedAt.toISOString()}: ${m.cpus} CPUs, ${m.memoryGb} GB, Node ${m.node}, ` +
      `PostgreSQL ${m.postgres ?? "-"}, Redis ${m.redis ?? "-"}, load average ${m.loadAverage} → ${m.loadAverageAtEnd}\n\n`,
  );
  process.stdout.write(`${renderTable(results)}\n\nJSON: ${file}\n`);
}

await main(process.argv.slice(2));
// Suites borrowed from other modules may leave a pool or a timer open; the figures are written, so end here.
process.exit(process.exitCode ?? 0);
