import type { IncomingMessage, ServerResponse } from "node:http";
import express, { type NextFunction, type Request, type Response } from "express";
import type { Logger } from "pino";
import { authenticateRequest } from "../auth/authenticate-request.js";
import type { Db } from "../db/database.js";
import { ApiError, sendError } from "./errors.js";
import { knowledgeRoutes } from "./knowledge-routes.js";
import { buildOpenApiDocument } from "./openapi.js";
import type { TaskCommands } from "./ports.js";
import { runnerRoutes } from "./runner-routes.js";
import { taskRoutes } from "./task-routes.js";

export interface ApiDependencies {
  db: Db;
  /** Unset: every route but the OpenAPI document answers 503. */
  jwtSecret: string | undefined;
  tasks: TaskCommands;
  logger: Pick<Logger, "error" | "warn">;
}

/** Probot's addHandler contract: true when the request was ours. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const BODY_LIMIT = "1mb";

function authenticate(jwtSecret: string | undefined) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const outcome = await authenticateRequest(req.headers, jwtSecret, "archon-api");
    if (outcome.ok) {
      res.locals.scope = outcome.scope;
      next();
      return;
    }
    res.set(outcome.headers);
    sendError(res, new ApiError(outcome.status === 503 ? "unavailable" : "unauthorized", outcome.message));
  };
}

function errorHandler(logger: ApiDependencies["logger"]) {
  // Express recognises error handlers by their four parameters.
  return (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof ApiError) return sendError(res, error);
    const type = (error as { type?: string }).type;
    if (type === "entity.parse.failed") return sendError(res, new ApiError("malformed_json", "the body is not valid JSON"));
    if (type === "entity.too.large") return sendError(res, new ApiError("payload_too_large", `the body is larger than ${BODY_LIMIT}`));
    logger.error({ err: error }, "API request failed");
    sendError(res, new ApiError("internal", "something went wrong on our side"));
  };
}

export function createApiApp(deps: ApiDependencies): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  const api = express.Router();
  api.get("/openapi.json", (_req, res) => {
    res.json(buildOpenApiDocument());
  });
  // Runner tokens are good for this route only; API tokens for everything after it.
  api.use("/runner", runnerRoutes(deps.db, deps.jwtSecret));
  api.use(authenticate(deps.jwtSecret));
  api.use(express.json({ limit: BODY_LIMIT }));
  api.use(taskRoutes(deps.db, deps.tasks));
  api.use(knowledgeRoutes(deps.db));
  api.use((req, _res, next) => next(new ApiError("not_found", `no route ${req.method} ${req.baseUrl}${req.path}`)));
  app.use("/api", api);
  app.use(errorHandler(deps.logger));
  return app;
}

/** Serves `/api` and `/api/*`; leaves every other path to the next handler. */
export function createApiHandler(deps: ApiDependencies): NodeHandler {
  const app = createApiApp(deps);
  return async (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path !== "/api" && !path.startsWith("/api/")) return false;
    app(req as Request, res as Response);
    return true;
  };
}
