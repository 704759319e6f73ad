/** What stopped the command, said as the person will read it, and the exit code it ends with. */
export type InterruptHandler = (reason: string, exitCode: number) => void;

/** The process and streams listened to; tests give their own. */
export interface InterruptSource {
  process: Pick<NodeJS.Process, "on" | "off">;
  /** stdout and stderr: a reader that goes away (`archon run … | head`) makes them fail with EPIPE. */
  streams: NodeJS.WritableStream[];
  exit: (code: number) => void;
}

// 128 + the signal's number, as shells report a process a signal ended.
const SIGNALS = {
  SIGINT: { reason: "interrupted (SIGINT)", exitCode: 130 },
  SIGTERM: { reason: "terminated (SIGTERM)", exitCode: 143 },
} as const;
const EPIPE = { reason: "output closed (EPIPE)", exitCode: 1 };

function processSource(): InterruptSource {
  return { process, streams: [process.stdout, process.stderr], exit: (code) => process.exit(code) };
}

const ignore = () => undefined;

/**
 * Calls `handler` once when the person stops the command: Ctrl-C (SIGINT), SIGTERM, or the reader
 * of its output going away (EPIPE on stdout or stderr), so the command can stop its work and clean
 * up. A second signal while it cleans up ends the process at once (130 for SIGINT, 143 for
 * SIGTERM). Returns the function that stops listening.
 */
export function onInterrupt(handler: InterruptHandler, source: InterruptSource = processSource()): () => void {
  let stopping = false;
  const closed = new Set<NodeJS.WritableStream>();
  const signalListeners = Object.entries(SIGNALS).map(([name, { reason, exitCode }]) => {
    const listener = () => {
      if (stopping) return source.exit(exitCode);
      stopping = true;
      handler(reason, exitCode);
    };
    source.process.on(name as NodeJS.Signals, listener);
    return [name as NodeJS.Signals, listener] as const;
  });
  const streamListeners = source.streams.map((stream) => {
    const listener = (error: NodeJS.ErrnoException) => {
      // Any other write error is a bug to see, as it would be without this listener.
      if (error.code !== "EPIPE") throw error;
      closed.add(stream);
      if (stopping) return;
      stopping = true;
      handler(EPIPE.reason, EPIPE.exitCode);
    };
    stream.on("error", listener);
    return [stream, listener] as const;
  });
  return () => {
    for (const [name, listener] of signalListeners) source.process.off(name, listener);
    for (const [stream, listener] of streamListeners) {
      stream.off("error", listener);
      // A closed pipe fails every later write too; that is no longer news.
      if (closed.has(stream)) stream.on("error", ignore);
    }
  };
}
