/**
 * Exponential backoff for a failed job: `baseMs` after the first failure, doubling, capped at
 * `maxMs`, so a job failing on a flaky dependency does not hammer it.
 */
export function retryDelay(attempt: number, baseMs: number, maxMs: number): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  return Math.min(baseMs * 2 ** exponent, maxMs);
}
