import { type Server as HttpServer, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Probot, Server } from "probot";
import { createHealthHandler } from "../http/health.js";
import { createMetricsHandler } from "../http/metrics.js";
import { archonApp } from "../webhooks/app.js";
import { createIntake } from "../webhooks/intake.js";
import { type HttpHandler, chainHandlers } from "./handlers.js";
import { type Services, githubBaseUrl } from "./services.js";
import { SETUP_MESSAGE, createSetupHandler } from "./setup-page.js";

export const WEBHOOK_PATH = "/api/github/webhooks";

export interface RunningServer {
  port: number;
  host: string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** Extra handlers (REST API, MCP) tried after health and metrics. */
  handlers?: HttpHandler[];
  port?: number;
  host?: string;
}

/** How long requests in flight may take to finish when the server stops. */
const DRAIN_MS = 5_000;

/**
 * Stops taking connections, closes idle keep-alive ones at once (they would hold `close` open for
 * as long as the client keeps them), and cuts whatever is still open after the drain period.
 */
async function closeGracefully(server: HttpServer, close: () => Promise<void>): Promise<void> {
  const closing = close();
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
  timer.unref();
  try {
    await closing;
  } finally {
    clearTimeout(timer);
  }
}

function listening(server: HttpServer): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.once("listening", () => resolve(server.address() as AddressInfo));
  });
}

/**
 * The HTTP side of `archon serve`: Probot's webhook endpoint (when the App is configured), health,
 * metrics, then the API and MCP handlers.
 */
export async function startServer(services: Services, options: ServerOptions = {}): Promise<RunningServer> {
  const { runtime, metrics } = services;
  const { config, logger } = runtime;
  const port = options.port ?? config.PORT;
  const host = options.host ?? config.HOST;
  const common: HttpHandler[] = [createHealthHandler(services.checks), createMetricsHandler(metrics, async () => (await services.queue.stats()).waiting), ...(options.handlers ?? [])];

  if (!config.githubApp || !config.APP_ID || !config.privateKey || !config.WEBHOOK_SECRET) {
    logger.warn(SETUP_MESSAGE);
    const server = createServer(chainHandlers([...common, createSetupHandler(WEBHOOK_PATH)]));
    const started = listening(server);
    server.listen(port, host);
    const address = await started;
    return {
      port: address.port,
      host,
      stop: () => closeGracefully(server, () => new Promise((resolve) => server.close(() => resolve()))),
    };
  }

  const intake = createIntake({ db: runtime.database.db, queue: services.queue, logger });
  const server = new Server({
    Probot: Probot.defaults({
      appId: config.APP_ID,
      privateKey: config.privateKey,
      secret: config.WEBHOOK_SECRET,
      ...(githubBaseUrl(config) ? { baseUrl: githubBaseUrl(config) } : {}),
    }),
    log: logger,
    port,
    host,
    webhookPath: WEBHOOK_PATH,
    enableStaticFiles: false,
  });
  await server.load(archonApp(intake, metrics));
  for (const handler of common) server.addHandler(handler as never);
  const http = await server.start();
  const address = http.address() as AddressInfo;
  return { port: address.port, host, stop: () => closeGracefully(http, () => server.stop()) };
}
