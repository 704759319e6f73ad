export interface Periodic<T> {
  /** Runs a pass now, after the one under way if any; resolves with its result. */
  runNow(): Promise<T>;
  /** No more passes; resolves once the one under way has ended. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` at once, then again `intervalMs` after each pass ends, one pass at a time. `pass`
 * must not throw: it logs its own failures and returns what the caller reports. `signal` is
 * aborted on stop, for a long pass to end early.
 */
export function every<T>(intervalMs: number, pass: (signal: AbortSignal) => Promise<T>, idle: T): Periodic<T> {
  const stopping = new AbortController();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<T> = Promise.resolve(idle);

  function runNow(): Promise<T> {
    current = current.then(() => pass(stopping.signal));
    return current;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => void runNow().then(schedule), intervalMs);
  }

  void runNow().then(schedule);
  return {
    runNow,
    async stop() {
      stopped = true;
      stopping.abort();
      clearTimeout(timer);
      await current;
    },
  };
}
