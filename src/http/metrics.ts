import type { IncomingMessage, ServerResponse } from "node:http";
import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";

export interface Metrics {
  registry: Registry;
  deliveries: Counter<"event" | "outcome">;
  jobs: Counter<"kind" | "outcome">;
  queueDepth: Gauge;
}

/** One registry per process, passed to whoever counts. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "archon_" });
  return {
    registry,
    deliveries: new Counter({
      name: "archon_webhook_deliveries_total",
      help: "Webhook deliveries by event and outcome (recorded, ignored, duplicate, failed)",
      labelNames: ["event", "outcome"],
      registers: [registry],
    }),
    jobs: new Counter({
      name: "archon_jobs_total",
      help: "Jobs run by kind and outcome",
      labelNames: ["kind", "outcome"],
      registers: [registry],
    }),
    queueDepth: new Gauge({ name: "archon_queue_waiting", help: "Queue entries not yet acknowledged", registers: [registry] }),
  };
}

/** `waiting` reads the queue's depth at scrape time, so the gauge is never stale. */
export function createMetricsHandler(metrics: Metrics, waiting?: () => Promise<number>) {
  return async function metricsHandler(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") return false;
    if (waiting) metrics.queueDepth.set(await waiting().catch(() => -1));
    res.writeHead(200, { "content-type": metrics.registry.contentType });
    res.end(await metrics.registry.metrics());
    return true;
  };
}
