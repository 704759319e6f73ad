import type { Command } from "commander";
import { buildServices } from "../../app/services.js";
import { startWorkerProcess } from "../../app/start-worker.js";
import { createJobHandlers } from "../../app/worker-deps.js";
import { openRuntime } from "../../app/runtime.js";
import { exitSoon, untilSignal } from "./shutdown.js";

export function registerWorkerCommand(program: Command): void {
  program
    .command("worker")
    .description("Run jobs from the queue (any number of workers may share one Redis and one PostgreSQL).")
    .option("-c, --concurrency <n>", "jobs run at once (default ARCHON_WORKER_CONCURRENCY)", (v) => Number.parseInt(v, 10))
    .action(async (options: { concurrency?: number }) => {
      const runtime = await openRuntime();
      const services = await buildServices(runtime);
      if (services.queue.kind === "memory") {
        runtime.logger.warn("REDIS_URL is unset: this worker only sees jobs created in its own process. Set REDIS_URL to share work with archon serve.");
      }
      const worker = startWorkerProcess(services, createJobHandlers(services), options.concurrency);
      runtime.logger.info({ queue: services.queue.kind, database: runtime.database.kind }, "worker started");
      try {
        const signal = await untilSignal();
        runtime.logger.info({ signal }, "stopping: finishing running jobs");
      } finally {
        await worker.stop();
        await services.close();
        exitSoon();
      }
    });
}
