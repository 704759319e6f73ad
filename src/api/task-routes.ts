import { type Request, type Response, Router } from "express";
import type { Scope } from "../auth/scope.js";
import type { Db } from "../db/database.js";
import { findTaskInScope, getTaskDetail, listTasksInScope } from "../db/task.queries.js";
import type { Task } from "../db/task.table.js";
import type { Result } from "../domain/result.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { ApiError, failureToApiError, parseOrThrow } from "./errors.js";
import type { TaskCommands } from "./ports.js";
import { CreateTaskBody, RetryBody, TaskIdParam, TaskListQuery } from "./schema.js";
import { toTaskDetailView, toTaskView } from "./task-view.js";

function scopeOf(res: Response): Scope {
  return res.locals.scope as Scope;
}

function taskId(req: Request): string {
  const parsed = TaskIdParam.safeParse(req.params.id);
  if (!parsed.success) throw new ApiError("not_found", `no task ${String(req.params.id)}`);
  return parsed.data;
}

/** Answers a command's result with the task as it is now (its repository name included). */
async function answer(db: Db, res: Response, scope: Scope, result: Result<Task>, status: number): Promise<void> {
  if (!result.ok) throw failureToApiError(result.error);
  const row = await findTaskInScope(db, scope, String(result.value.id));
  if (!row) throw new ApiError("not_found", `no task ${result.value.id}`);
  res.status(status).json({ task: toTaskView(row) });
}

export function taskRoutes(db: Db, tasks: TaskCommands): Router {
  const router = Router();

  router.post("/tasks", async (req, res) => {
    const body = parseOrThrow(CreateTaskBody, req.body, "task");
    const scope = scopeOf(res);
    const result = await tasks.create(scope, { ...body, source: "api" });
    await answer(db, res, scope, result, 201);
  });

  router.get("/tasks", async (req, res) => {
    const query = parseOrThrow(TaskListQuery, req.query, "query");
    const beforeId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && beforeId === undefined) {
      throw new ApiError("invalid_request", "the query is invalid", { cursor: "expected the nextCursor of a previous page" });
    }
    const rows = await listTasksInScope(db, scopeOf(res), {
      repository: query.repository,
      statuses: query.status,
      beforeId,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    res.json({
      tasks: page.map(toTaskView),
      nextCursor: rows.length > query.limit && last ? encodeCursor(String(last.id)) : null,
    });
  });

  router.get("/tasks/:id", async (req, res) => {
    const id = taskId(req);
    const detail = await getTaskDetail(db, scopeOf(res), id);
    if (!detail) throw new ApiError("not_found", `no task ${id}`);
    res.json(toTaskDetailView(detail));
  });

  router.post("/tasks/:id/approve", async (req, res) => {
    const id = taskId(req);
    await answer(db, res, scopeOf(res), await tasks.approve(scopeOf(res), id), 200);
  });

  router.post("/tasks/:id/retry", async (req, res) => {
    const id = taskId(req);
    const body = parseOrThrow(RetryBody, req.body ?? {}, "body");
    await answer(db, res, scopeOf(res), await tasks.retry(scopeOf(res), id, body.step), 200);
  });

  router.post("/tasks/:id/cancel", async (req, res) => {
    const id = taskId(req);
    await answer(db, res, scopeOf(res), await tasks.cancel(scopeOf(res), id), 200);
  });

  return router;
}
