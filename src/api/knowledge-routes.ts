import { type Response, Router } from "express";
import type { Scope } from "../auth/scope.js";
import type { Db } from "../db/database.js";
import { addDocument } from "../kb/add-document.js";
import { getDocument } from "../kb/get-document.js";
import { searchDocuments } from "../kb/search-documents.js";
import { failureToApiError, parseOrThrow } from "./errors.js";
import { DocumentSearchQuery, NewDocument } from "./schema.js";

function scopeOf(res: Response): Scope {
  return res.locals.scope as Scope;
}

export function knowledgeRoutes(db: Db): Router {
  const router = Router();

  router.get("/knowledge/search", async (req, res) => {
    const query = parseOrThrow(DocumentSearchQuery, req.query, "query");
    res.json(await searchDocuments(db, scopeOf(res), query));
  });

  router.post("/knowledge", async (req, res) => {
    const body = parseOrThrow(NewDocument.strict(), req.body, "document");
    const result = await addDocument(db, scopeOf(res), body);
    if (!result.ok) throw failureToApiError(result.error);
    res.status(201).json({ document: result.value });
  });

  router.get("/knowledge/:id", async (req, res) => {
    const result = await getDocument(db, scopeOf(res), String(req.params.id));
    if (!result.ok) throw failureToApiError(result.error);
    res.json({ document: result.value });
  });

  return router;
}
