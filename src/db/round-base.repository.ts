import { sql } from "kysely";
import type { FixContext } from "../domain/task-snapshot.js";
import type { Db, Executor } from "./database.js";
import { lastWritten, rememberFirst } from "./effect.repository.js";
import type { PinnedBase, ReadableForge } from "../domain/forge.js";

/** How long after the plan its first round still starts from the commit the plan was read from. */
export const PLAN_BASE_KEPT_MS = 10 * 60 * 1000;

/**
 * The commit a round of work starts from: the default branch for the first round, the pull
 * request's branch for a fix. The first step to run pins it, every step of the round reads the
 * same tree, and the round's commit builds on it, so the agents' changes always land on the tree
 * they were made from, and the base is read once per round instead of once per step.
 */
export function roundBaseKey(taskId: string | number, planVersion: number, fix: FixContext | null | undefined): string {
  return `round-base:${taskId}:${planVersion}:${fix?.attempt ?? 0}`;
}

function asBase(result: Record<string, unknown> | undefined): PinnedBase | undefined {
  const base = result as Partial<PinnedBase> | undefined;
  return typeof base?.commit === "string" && typeof base.tree === "string" ? { commit: base.commit, tree: base.tree } : undefined;
}

/** The base pinned for the round, if a step pinned one. */
export async function pinnedBase(db: Db, key: string): Promise<PinnedBase | undefined> {
  return asBase(await lastWritten(db, key));
}

/**
 * The round's base: the stored pin, or `ref` as it stands now, stored for the round's other
 * steps. Steps that pin at once agree: the first stored pin wins and every step reads it back.
 */
export async function roundBase(db: Db, forge: ReadableForge, taskId: string | number, key: string, ref: string): Promise<PinnedBase | undefined> {
  const row = await db.selectFrom("effects").select(["kind", "result"]).where("key", "=", key).executeTakeFirst();
  if (row === undefined) {
    const now = await forge.pin(ref);
    if (now === undefined) return undefined;
    await rememberFirst(db, key, { taskId, kind: "round_base", result: { ...now } });
    return (await pinnedBase(db, key)) ?? now;
  }
  if (row.kind !== "plan_base") return asBase(row.result);
  // The commit the plan was made from: the round starts from it if it starts soon after the
  // plan, and claims it, so a step of the same round later on does not read the branch again.
  const fresh = await db
    .updateTable("effects")
    .set({ kind: "round_base" })
    .where("key", "=", key)
    .where("kind", "=", "plan_base")
    .where("created_at", ">", sql<Date>`now() - ${PLAN_BASE_KEPT_MS} * interval '1 millisecond'`)
    .returning("key")
    .executeTakeFirst();
  if (fresh === undefined) await repin(db, forge, key, ref);
  return pinnedBase(db, key);
}

/** A plan's base gone stale (the round waited for approval): the branch as it stands now replaces it. */
async function repin(db: Db, forge: ReadableForge, key: string, ref: string): Promise<void> {
  const now = await forge.pin(ref);
  if (now === undefined) return;
  await db.updateTable("effects").set({ kind: "round_base", result: JSON.stringify(now) }).where("key", "=", key).where("kind", "=", "plan_base").execute();
}

/**
 * Stores the commit a plan was read from as the base of the plan's first round, in the
 * transaction that records the plan (so before any step can run). The round takes it if its
 * first step starts within PLAN_BASE_KEPT_MS of now, saving a read of the branch; a round started
 * later (approval came after a while) reads the branch again, since planning and coding see the
 * same tree otherwise.
 */
export async function storePlanBase(db: Executor, taskId: string | number, planVersion: number, base: PinnedBase): Promise<void> {
  await db
    .insertInto("effects")
    .values({ key: roundBaseKey(taskId, planVersion, null), task_id: String(taskId), kind: "plan_base", result: JSON.stringify(base) })
    // A key already there and not yet claimed by a round takes the newer base.
    .onConflict((oc) => oc.column("key").doUpdateSet({ result: JSON.stringify(base), created_at: sql<Date>`now()` }).where("effects.kind", "=", "plan_base"))
    .execute();
}
