import type { Summary } from "./stats.js";

export function perSecond(value: number): string {
  return `${Math.round(value).toLocaleString("en-US")}/s`;
}

export function ms(value: number | undefined): string {
  if (value === undefined) return "-";
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

/** "p50 / p95 / p99" of a latency summary. */
export function latencies(s: Summary): string {
  return `${ms(s.median)} / ${ms(s.p95)} / ${ms(s.p99)}`;
}

export function mb(value: number | undefined): string {
  return value === undefined ? "-" : `${value.toFixed(0)} MB`;
}
