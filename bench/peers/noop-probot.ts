import { pino } from "pino";
import { Probot, Server } from "probot";

/**
 * The ceiling for the intake: Probot's own server verifying the same signed deliveries, with an
 * app that does nothing, logging as `archon serve` does (pino at info on stderr).
 */
async function main(): Promise<void> {
  const log = pino({ level: process.env.LOG_LEVEL ?? "info" }, pino.destination(2));
  const server = new Server({
    Probot: Probot.defaults({
      appId: Number(process.env.APP_ID),
      privateKey: process.env.PRIVATE_KEY!.replace(/\\n/g, "\n"),
      secret: process.env.WEBHOOK_SECRET!,
    }),
    log,
    port: Number(process.env.PORT),
    host: process.env.HOST ?? "127.0.0.1",
    webhookPath: "/api/github/webhooks",
    enableStaticFiles: false,
  });
  await server.load((app) => {
    app.onAny(async () => undefined);
  });
  await server.start();
  process.once("SIGTERM", () => void server.stop().then(() => process.exit(0)));
}

await main();
