import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import type { ChildServer } from "./lib/child.js";
import { sleep } from "./lib/child.js";
import type { BenchContext } from "./lib/context.js";
import { deliveryHeaders, issuesLabeledBody } from "./lib/delivery.js";
import { type FireResult, fire } from "./lib/fire.js";
import { latencies, perSecond } from "./lib/format.js";
import { freshDatabase } from "./lib/fresh-database.js";
import { counterBy } from "./lib/metrics-text.js";
import { type Row, type SuiteResult, skipped } from "./lib/result.js";
import { WEBHOOK_PATH, benchCredentials, startArchonServe, startNoopProbot } from "./lib/servers.js";

function cpuPerDelivery(value: number | undefined): string {
  return value === undefined ? "-" : `${value.toFixed(2)} ms`;
}

const CONNECTIONS = [10, 50] as const;
const WARM_UP_S = 2;

interface Run extends FireResult {
  /**
   * The server's own CPU time per acknowledged delivery. Unlike deliveries/s it hardly moves
   * when other work shares the machine, so it is the figure to compare across noisy runs.
   */
  serverCpuMsPerDelivery: number | undefined;
}

interface Phases {
  warmUp: Run;
  runs: Run[];
}

async function measured(server: ChildServer, options: Parameters<typeof fire>[0]): Promise<Run> {
  const before = server.cpuMs();
  const result = await fire(options);
  const after = server.cpuMs();
  const used = before !== undefined && after !== undefined ? after - before : undefined;
  return { ...result, serverCpuMsPerDelivery: used !== undefined && result.acknowledged.length > 0 ? used / result.acknowledged.length : undefined };
}

/** Warm-up, then each concurrency for the same fixed time, against one running server. */
async function load(server: ChildServer, body: string, headers: Record<string, string>, durationS: number): Promise<Phases> {
  const url = `${server.baseUrl}${WEBHOOK_PATH}`;
  const warmUp = await measured(server, { url, body, headers, connections: 10, durationS: WARM_UP_S });
  const runs: Run[] = [];
  for (const connections of CONNECTIONS) runs.push(await measured(server, { url, body, headers, connections, durationS }));
  return { warmUp, runs };
}

interface Verification {
  acknowledged: number;
  rows: number;
  distinctRows: number;
  jobs: number;
  /** Acknowledged but not in the database: must be 0, or the intake acked before committing. */
  acknowledgedNotRecorded: number;
  /** Recorded but never answered 2xx: requests cut off when a timed phase ended. */
  recordedNotAcknowledged: number;
  streamEntries: number;
  outcomes: Record<string, number>;
}

function forJson(run: Run): Omit<Run, "acknowledged"> & { acknowledged: number } {
  return { ...run, acknowledged: run.acknowledged.length };
}

/**
 * `archon serve` (real code path, child process, real PostgreSQL and Redis) against Probot with an
 * app that does nothing, under signed `issues.labeled` deliveries at 10 and 50 connections; then
 * every acknowledged delivery is looked up in the database.
 */
export async function benchIntake(ctx: BenchContext): Promise<SuiteResult> {
  const { databaseUrl, redisUrl } = ctx.services;
  if (!databaseUrl || !redisUrl) return skipped("intake", ctx.services.missing.join("; "));
  const credentials = benchCredentials();
  const body = issuesLabeledBody();
  const headers = deliveryHeaders(credentials.secret, body);

  const database = await freshDatabase(databaseUrl, "archon_bench");
  const stream = `archon-bench:${randomBytes(4).toString("hex")}`;
  const redis = new Redis(redisUrl);
  let archon: Phases;
  let verification: Verification;
  try {
    const server = await startArchonServe({ credentials, databaseUrl: database.url, redisUrl, stream });
    try {
      archon = await load(server, body, headers, ctx.durationS);
      // Requests cut off at the end of a phase may still be committing.
      await sleep(1_000);
      const outcomes = counterBy(await (await fetch(`${server.baseUrl}/metrics`)).text(), "archon_webhook_deliveries_total", "outcome");
      const recorded = new Set((await database.query<{ delivery_id: string }>("select delivery_id from webhook_deliveries")).map((r) => r.delivery_id));
      const [counts] = await database.query<{ rows: string; distinct_rows: string; jobs: string }>(
        "select (select count(*) from webhook_deliveries) as rows, (select count(distinct delivery_id) from webhook_deliveries) as distinct_rows, (select count(*) from jobs) as jobs",
      );
      const acknowledged = new Set([archon.warmUp, ...archon.runs].flatMap((r) => r.acknowledged));
      verification = {
        acknowledged: acknowledged.size,
        rows: Number(counts?.rows),
        distinctRows: Number(counts?.distinct_rows),
        jobs: Number(counts?.jobs),
        acknowledgedNotRecorded: [...acknowledged].filter((id) => !recorded.has(id)).length,
        recordedNotAcknowledged: [...recorded].filter((id) => !acknowledged.has(id)).length,
        streamEntries: await redis.xlen(stream),
        outcomes,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await redis.del(stream, `${stream}:dead`).catch(() => undefined);
    redis.disconnect();
    await database.drop();
  }

  const peerServer = await startNoopProbot(credentials);
  let peer: Phases;
  try {
    peer = await load(peerServer, body, headers, ctx.durationS);
  } finally {
    await peerServer.stop();
  }

  const rows: Row[] = [];
  archon.runs.forEach((run, i) => {
    const other = peer.runs[i]!;
    const at50 = run.connections === 50;
    rows.push(
      {
        metric: `deliveries/s @${run.connections} conns`,
        archon: perSecond(run.deliveriesPerS),
        peer: perSecond(other.deliveriesPerS),
        peerName: "no-op Probot",
        target: at50 ? "≥ 1,500/s" : undefined,
      },
      {
        metric: `latency p50/p95/p99 @${run.connections}`,
        archon: latencies(run.latencyMs),
        peer: latencies(other.latencyMs),
        peerName: "no-op Probot",
        target: at50 ? "p99 < 50 ms" : undefined,
      },
      {
        metric: `server CPU per delivery @${run.connections}`,
        archon: cpuPerDelivery(run.serverCpuMsPerDelivery),
        peer: cpuPerDelivery(other.serverCpuMsPerDelivery),
        peerName: "no-op Probot",
      },
    );
  });
  const v = verification;
  const exact = v.acknowledgedNotRecorded === 0 && v.distinctRows === v.rows && v.jobs === v.rows && (v.outcomes.duplicate ?? 0) === 0;
  rows.push({
    metric: "acked = recorded, once",
    archon: `${exact ? "yes" : "NO"}: ${v.acknowledged} acked, ${v.rows} rows, ${v.acknowledgedNotRecorded} acked-not-recorded, ${v.recordedNotAcknowledged} cut off`,
    target: "acked ⊆ rows, no duplicates",
  });
  return {
    name: "intake",
    status: "ok",
    rows,
    data: {
      durationS: ctx.durationS,
      archon: { warmUp: forJson(archon.warmUp), runs: archon.runs.map(forJson) },
      peer: { name: "no-op Probot (Server + app.onAny noop)", warmUp: forJson(peer.warmUp), runs: peer.runs.map(forJson) },
      verification: { ...v, exact },
    },
  };
}
