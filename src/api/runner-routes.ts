import express, { type NextFunction, type Request, type Response, Router } from "express";
import { authenticateRunnerRequest } from "../auth/authenticate-request.js";
import type { RunnerGrant } from "../auth/runner-token.js";
import type { Db } from "../db/database.js";
import { findRunnerReport, insertRunnerReportOnce } from "../db/runner-report.repository.js";
import { findTaskInScope } from "../db/task.queries.js";
import { configOf } from "../db/task-state.js";
import { FINAL_STATUSES } from "../domain/task-status.js";
import { checkChanges, type Violation } from "../guardrails/index.js";
import { ApiError, fieldDetails, sendError } from "./errors.js";
import { RunnerReportBody } from "./runner-schema.js";

// A change set may carry 1 MiB of file content (the guardrails' limit); JSON escaping and the
// report come on top of it.
const RUNNER_BODY_LIMIT = "4mb";

function authenticateRunner(jwtSecret: string | undefined) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const outcome = await authenticateRunnerRequest(req.headers, jwtSecret);
    if (outcome.ok) {
      res.locals.runner = outcome.grant;
      next();
      return;
    }
    res.set(outcome.headers);
    const details = outcome.code ? { token: outcome.code } : undefined;
    sendError(res, new ApiError(outcome.status === 503 ? "unavailable" : "unauthorized", outcome.message, details));
  };
}

/** express.json with the runner's own limit, saying that limit when a body passes it. */
function jsonBody() {
  const parse = express.json({ limit: RUNNER_BODY_LIMIT });
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === "entity.too.large") {
        next(new ApiError("payload_too_large", `the body is larger than ${RUNNER_BODY_LIMIT}`));
        return;
      }
      next(error);
    });
  };
}

/** One entry per path (or `changes` for rules on the whole set): the rule and its plain words. */
function violationDetails(violations: Violation[]): Record<string, string> {
  const details: Record<string, string> = {};
  for (const v of violations) {
    const key = v.path ?? "changes";
    const line = `${v.rule}: ${v.message}`;
    details[key] = details[key] ? `${details[key]} ${line}` : line;
  }
  return details;
}

function parseReport(body: unknown): RunnerReportBody {
  const parsed = RunnerReportBody.safeParse(body);
  if (!parsed.success) throw new ApiError("invalid_report", "the report is invalid", fieldDetails(parsed.error));
  return parsed.data;
}

const ALREADY = { accepted: false, reason: "already reported" } as const;

/**
 * 1. One report per attempt: a second one is answered, not applied.
 * 2. The token's task must exist in its repository and not be over.
 * 3. The guardrails see the changes under the task's repository config; a refusal stores nothing.
 */
async function receiveReport(db: Db, grant: RunnerGrant, body: RunnerReportBody): Promise<{ status: number; body: object }> {
  if (await findRunnerReport(db, grant.runKey)) return { status: 200, body: ALREADY };
  const scope = { installationId: grant.installationId, repositories: [grant.repository] };
  const task = await findTaskInScope(db, scope, grant.taskId);
  if (!task) throw new ApiError("conflict", `task ${grant.taskId} does not exist in ${grant.repository}`);
  if ((FINAL_STATUSES as readonly string[]).includes(task.status)) {
    throw new ApiError("conflict", `task ${grant.taskId} is ${task.status}; it takes no more reports`);
  }
  const { paths } = configOf(task);
  const checked = checkChanges(body.changes, { allowed: paths.allowed, forbidden: paths.forbidden });
  if (!checked.ok) {
    const count = checked.violations.length;
    throw new ApiError("guardrail_violation", `the guardrails refused the changes (${count} ${count === 1 ? "rule" : "rules"} broken)`, violationDetails(checked.violations));
  }
  const first = await insertRunnerReportOnce(db, { taskId: task.id, runKey: grant.runKey, ...body, changes: checked.changes });
  return first ? { status: 202, body: { accepted: true, runKey: grant.runKey } } : { status: 200, body: ALREADY };
}

/** `/api/runner`: what the target repository's Actions runner sends back, with a runner token. */
export function runnerRoutes(db: Db, jwtSecret: string | undefined): Router {
  const router = Router();
  router.use(authenticateRunner(jwtSecret));
  router.use(jsonBody());
  router.post("/reports", async (req, res) => {
    const answer = await receiveReport(db, res.locals.runner as RunnerGrant, parseReport(req.body));
    res.status(answer.status).json(answer.body);
  });
  router.use((req, _res, next) => next(new ApiError("not_found", `no route ${req.method} ${req.baseUrl}${req.path}`)));
  return router;
}
