import { generateKeyPairSync, randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { type ChildServer, startChild } from "./child.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const WEBHOOK_PATH = "/api/github/webhooks";

export interface AppCredentials {
  appId: string;
  privateKey: string;
  secret: string;
}

/** A GitHub App identity for a server that never talks to GitHub: a fresh key, a random secret. */
export function benchCredentials(): AppCredentials {
  const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  return { appId: "1", privateKey, secret: randomBytes(20).toString("hex") };
}

export interface ArchonServeOptions {
  credentials: AppCredentials;
  databaseUrl: string;
  redisUrl: string;
  stream: string;
}

/** The real `archon serve --no-worker` (bin/archon.js), as an operator starts it. */
export function startArchonServe(options: ArchonServeOptions): Promise<ChildServer> {
  return startChild({
    args: [`${ROOT}bin/archon.js`, "serve", "--no-worker", "--port", "{port}"],
    env: {
      APP_ID: options.credentials.appId,
      PRIVATE_KEY: options.credentials.privateKey,
      WEBHOOK_SECRET: options.credentials.secret,
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      ARCHON_STREAM: options.stream,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
      NODE_ENV: "production",
    },
    readyPath: "/readyz",
  });
}

/** Probot's server with an app that does nothing, started the same way. */
export function startNoopProbot(credentials: AppCredentials): Promise<ChildServer> {
  return startChild({
    args: ["--import", "tsx", `${ROOT}bench/peers/noop-probot.ts`],
    env: {
      APP_ID: credentials.appId,
      PRIVATE_KEY: credentials.privateKey,
      WEBHOOK_SECRET: credentials.secret,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
      NODE_ENV: "production",
    },
    readyPath: "/ping",
  });
}
