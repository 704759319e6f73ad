import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface ChildServer {
  pid: number;
  baseUrl: string;
  /** Resident set size in MB, from /proc/<pid>/status (VmRSS). */
  rssMb(): number | undefined;
  /** CPU time (user + system) the process has used so far, in ms, from /proc/<pid>/stat. */
  cpuMs(): number | undefined;
  /** The last lines the child wrote, for error messages. */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

export interface ChildOptions {
  /** Arguments after `node`; `{port}` is replaced by the port chosen. */
  args: string[];
  env: Record<string, string>;
  /** Path answering 200 once the server is ready. */
  readyPath: string;
  readyTimeoutMs?: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function rssMb(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

// Linux reports /proc/<pid>/stat times in clock ticks of USER_HZ, which is 100 on every common kernel.
const TICKS_PER_S = 100;

export function cpuMs(pid: number): number | undefined {
  try {
    // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
  } catch {
    return undefined;
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * A server in a process of its own, so the load generator never shares its event loop. Its log
 * goes to a file (pino writes every request at info, as in production), not through a pipe the
 * parent would have to drain.
 */
export async function startChild(options: ChildOptions): Promise<ChildServer> {
  const port = await freePort();
  const logFile = path.join(await mkdtemp(path.join(tmpdir(), "archon-bench-")), "server.log");
  const fd = openSync(logFile, "w");
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...options.args].map((a) => a.replace("{port}", String(port))), {
    env: { ...process.env, ...options.env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  const baseUrl = `http://127.0.0.1:${port}`;
  const logTail = (lines = 20) => {
    try {
      return readFileSync(logFile, "utf8").trim().split("\n").slice(-lines).join("\n");
    } catch {
      return "";
    }
  };
  const stop = async () => {
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited(child);
    clearTimeout(timer);
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${logTail()}`);
    const ready = await fetch(`${baseUrl}${options.readyPath}`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server not ready within the time allowed:\n${logTail()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { pid: child.pid!, baseUrl, rssMb: () => rssMb(child.pid!), cpuMs: () => cpuMs(child.pid!), logTail, stop };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
