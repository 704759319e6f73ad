import { z } from "zod";
import { RepositoryFullName } from "../auth/schema.js";
import { TASK_STATUSES } from "../domain/task-status.js";
import { DocumentSearchQuery, NewDocument } from "../kb/schema.js";

export { DocumentSearchQuery, NewDocument };

export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const CreateTaskBody = z
  .object({
    /** Repository full name (`owner/name`) the task is for. */
    repository: RepositoryFullName,
    title: z.string().trim().min(1).max(256),
    /** What to build, in the requester's words. */
    description: z.string().max(65_536).default(""),
    /** Skip plan approval: the task runs as soon as it is planned. */
    approve: z.boolean().default(false),
    assignee: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type CreateTaskBody = z.infer<typeof CreateTaskBody>;

export const RetryBody = z
  .object({
    /** Plan step position to run again from; absent means the failed step. */
    step: z.number().int().min(0).optional(),
  })
  .strict();
export type RetryBody = z.infer<typeof RetryBody>;

export const TaskListQuery = z.object({
  repository: RepositoryFullName.optional(),
  /** One status or a comma-separated list. */
  status: z
    .string()
    .refine((v) => v.split(",").every((s) => TaskStatus.safeParse(s.trim()).success), {
      message: `expected one or more of ${TaskStatus.options.join(", ")}, comma-separated`,
    })
    .transform((v) => v.split(",").map((s) => TaskStatus.parse(s.trim())))
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** `nextCursor` of the previous page. */
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "expected the nextCursor of a previous page").optional(),
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;

export const TaskIdParam = z.string().regex(/^\d{1,18}$/);

export const ErrorCode = z.enum([
  "invalid_request",
  "malformed_json",
  "unauthorized",
  "not_found",
  "conflict",
  "payload_too_large",
  /** A runner's report that does not have the expected shape; details name each bad field. */
  "invalid_report",
  /** A runner's changes the guardrails refused; details name each path and the rule it broke. */
  "guardrail_violation",
  "unavailable",
  "internal",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Every error the API answers with, whatever the route. */
export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    /**
     * Per-field messages for invalid_request and invalid_report, keyed by the field's path (`a.b`);
     * per-path rules for guardrail_violation; the token's problem (`token`) for unauthorized runners.
     */
    details: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
