import type { BenchContext } from "../lib/context.js";
import { ms, perSecond } from "../lib/format.js";
import { type SuiteResult, skipped } from "../lib/result.js";
import { importBench, isResult } from "./imported.js";

type BenchKnowledge = () => Promise<Record<string, unknown>>;

interface Figures {
  status?: string;
  note?: string;
  documents?: number;
  search?: { searches?: number; p50Ms?: number; p95Ms?: number; p99Ms?: number; targetP95Ms?: number };
  taskDetail?: { connections?: number; requestsPerS?: number; p50Ms?: number; p99Ms?: number };
}

/** Knowledge-base search on real PostgreSQL, from bench/kb.bench.ts. */
export async function benchKnowledgeSuite(ctx: BenchContext): Promise<SuiteResult> {
  const databaseUrl = ctx.services.databaseUrl;
  if (!databaseUrl) return skipped("knowledge", ctx.services.missing.join("; "));
  const bench = await importBench<BenchKnowledge>("../kb.bench.js", "benchKnowledgeSearch");
  if (isResult(bench)) return { ...bench, name: "knowledge" };
  // The module reads the server from the environment; point it at the one this run found.
  const saved = process.env.TEST_DATABASE_URL;
  process.env.TEST_DATABASE_URL = databaseUrl;
  let d: Figures;
  try {
    d = (await bench()) as Figures;
  } finally {
    if (saved === undefined) delete process.env.TEST_DATABASE_URL;
    else process.env.TEST_DATABASE_URL = saved;
  }
  if (d.status === "skipped") return skipped("knowledge", d.note ?? "skipped");
  const s = d.search ?? {};
  const t = d.taskDetail ?? {};
  return {
    name: "knowledge",
    status: "ok",
    rows: [
      {
        metric: `search p50/p95/p99, ${(d.documents ?? 0).toLocaleString("en-US")} docs`,
        archon: `${ms(s.p50Ms)} / ${ms(s.p95Ms)} / ${ms(s.p99Ms)}`,
        target: s.targetP95Ms ? `p95 < ${s.targetP95Ms} ms` : undefined,
      },
      {
        metric: `GET /api/tasks/:id @${t.connections ?? "?"} conns`,
        archon: `${t.requestsPerS === undefined ? "-" : perSecond(t.requestsPerS)}, p50 ${ms(t.p50Ms)}, p99 ${ms(t.p99Ms)}`,
      },
    ],
    data: d as Record<string, unknown>,
  };
}
