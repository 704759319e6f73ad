import type { RealServices } from "./services.js";

/** What every suite gets from the runner. */
export interface BenchContext {
  services: RealServices;
  /** Seconds each timed load phase lasts (BENCH_DURATION, default 10). */
  durationS: number;
}
