/**
 * Resolves on the first SIGTERM or SIGINT, so a command can stop cleanly; a second signal exits at
 * once (a person pressing Ctrl-C twice means it).
 */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off("SIGTERM", on);
      process.off("SIGINT", on);
      process.once("SIGTERM", () => process.exit(143));
      process.once("SIGINT", () => process.exit(130));
      resolve(signal);
    };
    process.on("SIGTERM", on);
    process.on("SIGINT", on);
  });
}

/**
 * After a long-running command has released what it holds, leave: a client some library keeps
 * open (Probot's throttling connection to Redis, say) must not keep a stopped server alive.
 */
export function exitSoon(graceMs = 2_000): void {
  setTimeout(() => process.exit(process.exitCode ?? 0), graceMs).unref();
}
