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
/** Long enough for start-up work (JIT, first pool connections, timers) to finish and GC to run. */
const SETTLE_MS = 5_000;

interface Footprint {
  idleMb: number | undefined;
  afterMb: number | undefined;
  growthPct: number | undefined;
  acknowledged: number;
}

async function footprint(server: ChildServer, body: string, headers: Record<string, string>): Promise<Footprint> {
  await sleep(SETTLE_MS);
  const idleMb = server.rssMb();
  const burst = await fire({ url: `${server.baseUrl}${WEBHOOK_PATH}`, body, headers, connections: CONNECTIONS, amount: DELIVERIES });
  await sleep(SETTLE_MS);
  const afterMb = server.rssMb();
  const growthPct = idleMb !== undefined && afterMb !== undefined ? ((afterMb - idleMb) / idleMb) * 100 : undefined;
  return { idleMb, afterMb, growthPct, acknowledged: burst.acknowledged.length };
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
      { metric: "RSS idle", archon: mb(archon.idleMb), peer: mb(peer.idleMb), peerName, target: "< 150 MB" },
      {
        metric: `RSS after ${DELIVERIES.toLocaleString("en-US")} deliveries`,
        archon: `${mb(archon.afterMb)} (${pct(archon.growthPct)})`,
        peer: `${mb(peer.afterMb)} (${pct(peer.growthPct)})`,
        peerName,
        target: "growth < 20%",
      },
    ],
    data: { deliveries: DELIVERIES, connections: CONNECTIONS, settleMs: SETTLE_MS, archon, peer },
  };
}
