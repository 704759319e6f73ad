import type { SuiteResult } from "../lib/result.js";
import { importBench, isResult } from "./imported.js";

type BenchAction = () => Promise<Record<string, unknown>>;

/** The companion Action turning 10,000 JUnit cases into a check run, from action/bench/report.bench.ts. */
export async function benchActionSuite(): Promise<SuiteResult> {
  const bench = await importBench<BenchAction>("../../action/bench/report.bench.js", "benchAction");
  if (isResult(bench)) return { ...bench, name: "action" };
  const d = await bench();
  return {
    name: "action",
    status: "ok",
    rows: [
      {
        metric: `report ${String(d.cases)} cases, ${String(d.failures)} failures`,
        archon: `${String(d.wallMs)} ms wall, ${String(d.cpuUserMs)} ms CPU`,
      },
      {
        metric: "GitHub requests",
        archon: `${String(d.requests)} (${String(d.annotations)} annotations in ${String(d.annotationRequests)} requests)`,
        target: "50 annotations a request",
      },
    ],
    data: d,
  };
}
