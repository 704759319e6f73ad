import type { z } from "zod";
import type { Job } from "../db/job.table.js";
import type { QueueLogger } from "./logger.js";

export interface JobContext {
  /** The row as the worker took it, `attempts` already counting this run. */
  job: Job;
  /** Aborts when the worker is stopping and the grace period is over: wrap up, or throw. */
  signal: AbortSignal;
  logger: QueueLogger;
}

/**
 * Runs one kind of job. The payload is parsed by `schema` before `run` sees it. A run may happen
 * more than once (a worker dies after the work but before recording it), so `run` must be
 * idempotent: side effects keyed so that a second run finds them done.
 */
export interface JobHandler<T = unknown> {
  schema: z.ZodType<T>;
  run(payload: T, context: JobContext): Promise<void>;
}

/**
 * Thrown by a handler whose job has nothing to do yet: the job runs again after `delayMs`, and
 * the run does not count as an attempt. The row says when, so a deferred job outlives its worker.
 */
export class JobDeferred extends Error {
  constructor(readonly delayMs: number) {
    super(`deferred for ${delayMs} ms`);
    this.name = "JobDeferred";
  }
}

/** Handlers by job kind. */
export type JobHandlers = Readonly<Record<string, JobHandler<any>>>;

/** Ties a handler's payload type to its schema. */
export function defineJobHandler<S extends z.ZodType>(
  schema: S,
  run: (payload: z.output<S>, context: JobContext) => Promise<void>,
): JobHandler<z.output<S>> {
  return { schema: schema as z.ZodType<z.output<S>>, run };
}
