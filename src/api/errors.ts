import type { Response } from "express";
import type { z } from "zod";
import type { Failure } from "../domain/result.js";
import type { ErrorBody, ErrorCode } from "./schema.js";

const STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  malformed_json: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  invalid_report: 422,
  guardrail_violation: 422,
  unavailable: 503,
  internal: 500,
};

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export function sendError(res: Response, error: ApiError): void {
  const body: ErrorBody = {
    error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
  };
  res.status(error.status).json(body);
}

/** One message per field, keyed by its path; the first problem of a field wins. */
export function fieldDetails(error: z.ZodError): Record<string, string> {
  const details: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "body";
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) details[k] ??= "unknown field";
      continue;
    }
    details[key] ??= issue.message;
  }
  return details;
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError("invalid_request", `the ${what} is invalid`, fieldDetails(parsed.error));
  return parsed.data;
}

export function failureToApiError(failure: Failure): ApiError {
  const code: ErrorCode = failure.code === "invalid" ? "invalid_request" : failure.code;
  return new ApiError(code, failure.message, failure.details);
}
