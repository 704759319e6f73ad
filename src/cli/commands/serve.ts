import type { Command } from "commander";
import { buildServices } from "../../app/services.js";
import { startServer } from "../../app/start-server.js";
import { startRedeliverySweeper } from "../../app/start-sweeper.js";
import { type RunningWorker, startWorkerProcess } from "../../app/start-worker.js";
import { createApiHandler } from "../../api/create-api-handler.js";
import { createMcpHandler } from "../../mcp/create-mcp-handler.js";
import { createJobHandlers } from "../../app/worker-deps.js";
import { createOrchestratorTaskCommands } from "../../worker/orchestrator-task-commands.js";
import { openRuntime } from "../../app/runtime.js";
import { exitSoon, untilSignal } from "./shutdown.js";

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("Start the GitHub App server (webhooks, REST API, MCP, health) with an in-process worker.")
    .option("--no-worker", "only receive webhooks and serve the API; run jobs in separate `archon worker` processes")
    .option("-p, --port <port>", "port to listen on (default PORT or 3000)", (v) => Number.parseInt(v, 10))
    .action(async (options: { worker: boolean; port?: number }) => {
      const runtime = await openRuntime();
      const services = await buildServices(runtime);
      let worker: RunningWorker | undefined;
      try {
        const tasks = createOrchestratorTaskCommands({ db: runtime.database.db, queue: services.queue, logger: runtime.logger });
        const common = { db: runtime.database.db, jwtSecret: runtime.config.ARCHON_JWT_SECRET, tasks, logger: runtime.logger };
        const server = await startServer(services, {
          ...(options.port !== undefined ? { port: options.port } : {}),
          handlers: [createApiHandler(common), createMcpHandler(common)],
        });
        runtime.logger.info(
          { port: server.port, database: runtime.database.kind, queue: services.queue.kind, worker: options.worker },
          `Archon listening on http://${server.host}:${server.port}`,
        );
        if (options.worker) worker = startWorkerProcess(services, createJobHandlers(services));
        const sweeper = startRedeliverySweeper(services, { intervalMs: runtime.config.ARCHON_REDELIVER_INTERVAL * 1000 });
        const signal = await untilSignal();
        runtime.logger.info({ signal }, "stopping");
        await sweeper?.stop();
        await server.stop();
      } finally {
        await worker?.stop();
        await services.close();
        exitSoon();
      }
    });
}
