import type { Db } from "../db/database.js";
import { rememberFirst } from "../db/effect.repository.js";

/**
 * Records, before a create is sent, that it is about to be: true for the first attempt ever under
 * `key`, false when an earlier one started (and may have created the object before its job
 * died). Only a first attempt may create without looking for what an earlier one left.
 */
export function claimFirstAttempt(db: Db, key: string, taskId: string | number, kind: string): Promise<boolean> {
  return rememberFirst(db, key, { taskId, kind, result: { startedAt: new Date().toISOString() } });
}
