import { type ChildProcessByStdio, spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import { PassThrough, type Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { onInterrupt } from "../../src/cli/interrupt.js";

const entry = fileURLToPath(new URL("./interrupt-entry.ts", import.meta.url));
const children: ChildProcessByStdio<null, Readable, Readable>[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
});

interface Started {
  child: ChildProcessByStdio<null, Readable, Readable>;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function start(cleanupMs: number): Promise<Started> {
  const child = spawn(process.execPath, ["--import", "tsx", entry, String(cleanupMs)], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    child.stdout.once("data", () => resolve());
    child.once("exit", () => reject(new Error(`the child exited before it was ready: ${stderr}`)));
  });
  return { child, stderr: () => stderr, exited };
}

describe("onInterrupt in a real process", () => {
  it.each([
    ["SIGINT", "interrupted (SIGINT)", 130],
    ["SIGTERM", "terminated (SIGTERM)", 143],
  ] as const)("lets the command clean up after %s and end with its exit code", async (signal, reason, code) => {
    const { child, stderr, exited } = await start(200);
    child.kill(signal);
    expect(await exited).toEqual({ code, signal: null });
    expect(stderr()).toBe(`stopping: ${reason}\ncleaned up\n`);
  });

  it("ends at once with 130 on a second Ctrl-C during the clean-up", async () => {
    const { child, stderr, exited } = await start(30_000);
    child.kill("SIGINT");
    await expect.poll(stderr, { timeout: 5_000 }).toContain("stopping: interrupted (SIGINT)");
    const asked = Date.now();
    child.kill("SIGINT");
    expect(await exited).toEqual({ code: 130, signal: null });
    expect(Date.now() - asked).toBeLessThan(5_000);
    expect(stderr()).not.toContain("cleaned up");
  });

  it("stops when the reader of its output goes away", async () => {
    const { child, stderr, exited } = await start(100);
    child.stdout.destroy();
    expect(await exited).toEqual({ code: 1, signal: null });
    expect(stderr()).toBe("stopping: output closed (EPIPE)\ncleaned up\n");
  });
});

describe("onInterrupt", () => {
  function source() {
    const proc = new EventEmitter();
    const stdout = new PassThrough();
    const exits: number[] = [];
    return { proc, stdout, exits, given: { process: proc as unknown as NodeJS.Process, streams: [stdout], exit: (code: number) => void exits.push(code) } };
  }
  const epipe = () => Object.assign(new Error("write EPIPE"), { code: "EPIPE" });

  it("calls the handler once, whatever follows, and stops listening when asked", () => {
    const { proc, stdout, exits, given } = source();
    const calls: string[] = [];
    const stop = onInterrupt((reason, code) => calls.push(`${reason} ${code}`), given);
    stdout.emit("error", epipe());
    stdout.emit("error", epipe());
    proc.emit("SIGTERM");
    expect(calls).toEqual(["output closed (EPIPE) 1"]);
    expect(exits).toEqual([143]);
    stop();
    expect(proc.listenerCount("SIGINT") + proc.listenerCount("SIGTERM")).toBe(0);
    // The closed pipe stays quiet after the listeners are gone.
    expect(() => stdout.emit("error", epipe())).not.toThrow();
  });

  it("lets other stream errors through", () => {
    const { stdout, given } = source();
    const stop = onInterrupt(() => undefined, given);
    expect(() => stdout.emit("error", Object.assign(new Error("disk full"), { code: "ENOSPC" }))).toThrow("disk full");
    stop();
    expect(stdout.listenerCount("error")).toBe(0);
  });
});
