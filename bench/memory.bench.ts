import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { type ChildServer, sleep } from "./lib/child.js";
import type { BenchContext } from "./lib/context.js";
import { deliveryHeaders, issuesLabeledBody } from "./lib/delivery.js";
import { fire } from "./lib/fire.js";
import { mb } from "./lib/format.js";
import { freshDatabase } from "./lib/fresh-database.js";
import { type SuiteResult, skipped } from "./lib/result.js";
import { WEBHOOK_PATH, benchCredentials, startArchonServe, startNoopProbot } from "./lib/servers.js";

const DELIVERIES = 10_000;
const CONNECTIONS = 50;
/**
 * How long the server is left alone before each reading. V8 hands memory back to the system only
 * when its memory reducer runs, several seconds after allocation calms down; a reading taken sooner
 * shows the burst's garbage, not what the process keeps. The reading 5 s after the burst is kept too.
 */
const SETTLE_MS = 30_000;
const EARLY_MS = 5_000;

interface Footprint {
  idleMb: number | undefined;
  /** Five seconds after the burst: the heap still holds the burst's garbage. */
  earlyMb: number | undefined;
  afterMb: number | undefined;
  growthPct: number | undefined;
  acknowledged: number;
}

async function settle(server: ChildServer): Promise<{ early: number | undefined; settled: number | undefined }> {
  await sleep(EARLY_MS);
  const early = server.rssMb();
  await sleep(SETTLE_MS - EARLY_MS);
  return { early, settled: server.rssMb() };
}

async function footprint(server: ChildServer, body: string, headers: Record<string, string>): Promise<Footprint> {
  const idleMb = (await settle(server)).settled;
  const burst = await fire({ url: `${server.baseUrl}${WEBHOOK_PATH}`, body, headers, connections: CONNECTIONS, amount: DELIVERIES });
  const { early: earlyMb, settled: afterMb } = await settle(server);
  const growthPct = idleMb !== undefined && afterMb !== undefined ? ((afterMb - idleMb) / idleMb) * 100 : undefined;
  return { idleMb, earlyMb, afterMb, growthPct, acknowledged: burst.acknowledged.length };
}

function pct(value: number | undefined): string {
  return value === undefined ? "-" : `${value >= 0 ? "+" : ""}${value.toFixed(0)}%`;
}

/** Resident memory (VmRSS) of an idle `archon serve`, then after 10,000 deliveries, beside a no-op Probot. */
export async function benchMemory(ctx: BenchContext): Promise<SuiteResult> {
  const { databaseUrl, redisUrl } = ctx.services;
  if (!databaseUrl || !redisUrl) return skipped("memory", ctx.services.missing.join("; "));
  const credentials = benchCredentials();
  const body = issuesLabeledBody();
  const headers = deliveryHeaders(credentials.secret, body);

  const database = await freshDatabase(databaseUrl, "archon_bench");
  const stream = `archon-bench:${randomBytes(4).toString("hex")}`;
  let archon: Footprint;
  try {
    const server = await startArchonServe({ credentials, databaseUrl: database.url, redisUrl, stream });
    try {
      archon = await footprint(server, body, headers);
    } finally {
      await server.stop();
    }
  } finally {
    const redis = new Redis(redisUrl);
    await redis.del(stream, `${stream}:dead`).catch(() => undefined);
    redis.disconnect();
    await database.drop();
  }
  const peerServer = await startNoopProbot(credentials);
  let peer: Footprint;
  try {
    peer = await footprint(peerServer, body, headers);
  } finally {
    await peerServer.stop();
  }
  const peerName = "no-op Probot";
  return {
    name: "memory",
    status: "ok",
    rows: [
      { metric: "RSS idle, 30 s after start", archon: mb(archon.idleMb), peer: mb(peer.idleMb), peerName, target: "< 150 MB" },
      {
        metric: `RSS 5 s after ${DELIVERIES.toLocaleString("en-US")} deliveries`,
        archon: mb(archon.earlyMb),
        peer: mb(peer.earlyMb),
        peerName,
      },
      {
        metric: `RSS 30 s after ${DELIVERIES.toLocaleString("en-US")} deliveries`,
        archon: `${mb(archon.afterMb)} (${pct(archon.growthPct)})`,
        peer: `${mb(peer.afterMb)} (${pct(peer.growthPct)})`,
        peerName,
        target: "growth < 20%",
      },
    ],
    data: { deliveries: DELIVERIES, connections: CONNECTIONS, settleMs: SETTLE_MS, archon, peer },
  };
}
