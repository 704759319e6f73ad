/** not_found covers "exists but not in your scope" too, so a scope never learns of another's rows. */
export type FailureCode = "not_found" | "invalid" | "conflict";

export interface Failure {
  code: FailureCode;
  message: string;
  /** Per-field messages, keyed by the field's name. */
  details?: Record<string, string> | undefined;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T>(code: FailureCode, message: string, details?: Record<string, string>): Result<T> {
  return { ok: false, error: { code, message, ...(details ? { details } : {}) } };
}
