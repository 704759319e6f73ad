import { type ChildProcess, spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { WEBHOOK_SECRET } from "./fake-github-server.js";

const BIN = fileURLToPath(new URL("../../../bin/archon.js", import.meta.url));
const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

let privateKey: string | undefined;
/** The App's key: generated once per file; the fake GitHub never checks the JWTs it signs. */
export function appKey(): string {
  privateKey ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  return privateKey;
}

export interface ArchonEnv {
  databaseUrl: string;
  redisUrl: string;
  stream: string;
  githubUrl: string;
  /** Anything else (visibility timeout, sweep interval, a planted canary). */
  extra?: Record<string, string>;
}

export function archonEnv(env: ArchonEnv): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    APP_ID: "1",
    PRIVATE_KEY: appKey(),
    WEBHOOK_SECRET,
    GITHUB_API_URL: env.githubUrl,
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
    ARCHON_STREAM: env.stream,
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    ARCHON_PROVIDER: "template",
    ...env.extra,
  };
}

/**
 * A port free right now. PORT=0 is no use: Probot's server reads 0 as "unset" and takes 3000,
 * where two Archons (or anyone else's server) would collide.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ArchonProcess {
  child: ChildProcess;
  /** Every line the process wrote (stdout and stderr). */
  lines: string[];
  /** The HTTP port, for `serve`. */
  port: number | undefined;
  exited: Promise<number | null>;
  /** SIGTERM and wait; SIGKILL after 15 s. */
  stop(): Promise<void>;
}

/**
 * Starts `node bin/archon.js <args>` and resolves once it is up: `serve` when it logs its port,
 * `worker` when it logs that it started.
 */
export async function startArchon(args: string[], env: Record<string, string>): Promise<ArchonProcess> {
  const port = args[0] === "serve" ? { PORT: String(await freePort()) } : {};
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...env, ...port }, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const proc: ArchonProcess = {
    child,
    lines,
    port: undefined,
    exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await proc.exited;
      clearTimeout(timer);
    },
  };
  const up = new Promise<void>((resolve, reject) => {
    const onLine = (line: string) => {
      lines.push(line);
      if (process.env.ARCHON_FAULT_LOG) process.stderr.write(`[${args[0]} ${child.pid}] ${line}\n`);
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg?.startsWith("Archon listening") && typeof entry.port === "number") {
          proc.port = entry.port;
          resolve();
        }
        if (entry.msg === "worker started") resolve();
      } catch {
        // Not JSON: a stack trace or a message for people; kept in `lines`.
      }
    };
    for (const stream of [child.stdout!, child.stderr!]) {
      let rest = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        const parts = (rest + chunk).split("\n");
        rest = parts.pop() ?? "";
        for (const part of parts) if (part.trim() !== "") onLine(part);
      });
    }
    void proc.exited.then((code) => reject(new Error(`archon ${args.join(" ")} exited with ${code}:\n${lines.slice(-20).join("\n")}`)));
  });
  await up;
  return proc;
}

export function webhookUrl(proc: ArchonProcess): string {
  return `http://127.0.0.1:${proc.port}/api/github/webhooks`;
}
