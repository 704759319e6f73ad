import { recordedDeliveryIds } from "../db/delivery.repository.js";
import { forgetEffect, recordedEffectKeys } from "../db/effect.repository.js";
import { z } from "zod";
import type { Db } from "../db/database.js";
import { rememberFirst } from "../db/effect.repository.js";
import { type QueueLogger, errorMessage, silentLogger } from "../queue/logger.js";
import { type GitHubClient, httpStatus, isUncertain } from "./client.js";

/** One attempt in `GET /app/hook/deliveries`; a redelivery is a new attempt with the same guid. */
export const HookDelivery = z.object({
  id: z.number(),
  guid: z.string().min(1),
  delivered_at: z.string(),
  redelivery: z.boolean().optional(),
  status: z.string(),
  status_code: z.number(),
  event: z.string(),
  action: z.string().nullable().optional(),
});
export type HookDelivery = z.infer<typeof HookDelivery>;

/** The effects row that remembers a redelivery, so no sweep (in any process) asks twice. */
export const REDELIVERY_EFFECT = "webhook_redelivery";
export function redeliveryKey(guid: string): string {
  return `redeliver:${guid}`;
}

export interface RedeliverOptions {
  db: Db;
  /** Authenticated as the App itself (JWT): `await probot.auth()` with no installation id. */
  octokit: GitHubClient;
  /** Listing stops at the first attempt older than this (the list is newest first). */
  since: Date;
  /** Redeliveries asked for in one sweep at most; the rest wait for the next sweep. */
  limit?: number;
  logger?: QueueLogger | undefined;
}

export interface SweepResult {
  /** Attempts read from GitHub inside the window. */
  listed: number;
  /** Guids whose attempts all failed. */
  failed: number;
  /** Failed guids Archon had committed anyway (the answer, not the work, was lost). */
  recorded: number;
  /** Failed guids redelivered by an earlier sweep. */
  remembered: number;
  /** Guids redelivered by this sweep. */
  redelivered: string[];
}

/** GitHub writes "OK" with a 2xx; a timeout or a refused connection has status_code 0. */
export function attemptFailed(attempt: Pick<HookDelivery, "status" | "status_code">): boolean {
  return attempt.status_code === 0 || attempt.status_code >= 400 || attempt.status !== "OK";
}

/**
 * Guids none of whose attempts succeeded, each with its newest failed attempt (the one to
 * redeliver), newest first. Pure.
 */
export function failedGuids(attempts: readonly HookDelivery[]): HookDelivery[] {
  const succeeded = new Set(attempts.filter((a) => !attemptFailed(a)).map((a) => a.guid));
  const newest = new Map<string, HookDelivery>();
  for (const attempt of attempts) {
    if (succeeded.has(attempt.guid)) continue;
    const known = newest.get(attempt.guid);
    if (!known || Date.parse(attempt.delivered_at) > Date.parse(known.delivered_at)) newest.set(attempt.guid, attempt);
  }
  return [...newest.values()].sort((a, b) => Date.parse(b.delivered_at) - Date.parse(a.delivered_at));
}

async function listSince(octokit: GitHubClient, since: Date, logger: QueueLogger): Promise<HookDelivery[]> {
  const out: HookDelivery[] = [];
  const pages = octokit.paginate.iterator("GET /app/hook/deliveries", { per_page: 100 });
  for await (const page of pages) {
    let older = false;
    for (const raw of page.data as unknown[]) {
      const parsed = HookDelivery.safeParse(raw);
      if (!parsed.success) {
        logger.warn({ err: z.prettifyError(parsed.error) }, "skipped a hook delivery GitHub described unexpectedly");
        continue;
      }
      if (Date.parse(parsed.data.delivered_at) < since.getTime()) {
        older = true;
        continue;
      }
      out.push(parsed.data);
    }
    // Newest first: once a page reaches past the window, later pages are all older.
    if (older) break;
  }
  return out;
}

async function rememberedGuids(db: Db, guids: string[]): Promise<Set<string>> {
  const keys = await recordedEffectKeys(db, guids.map(redeliveryKey));
  return new Set([...keys].map((key) => key.slice(redeliveryKey("").length)));
}

/** Claims the guid; false when another sweep (here or in another process) already has. */
function claim(db: Db, attempt: HookDelivery): Promise<boolean> {
  return rememberFirst(db, redeliveryKey(attempt.guid), {
    taskId: null,
    kind: REDELIVERY_EFFECT,
    result: { attemptId: attempt.id, event: attempt.event, failedWith: attempt.status_code },
  });
}

function unclaim(db: Db, guid: string): Promise<void> {
  return forgetEffect(db, redeliveryKey(guid));
}

/**
 * GitHub never redelivers a failed webhook by itself. This sweep lists the App's recent
 * deliveries back to `since`, keeps the guids that never succeeded and that Archon never
 * committed, and asks GitHub once to redeliver each (`POST /app/hook/deliveries/{id}/attempts`).
 * The claim is stored before asking, so concurrent sweeps never ask twice; an uncertain failure
 * (5xx, no answer) gives the claim back for the next sweep, a refusal (4xx) keeps it.
 */
export async function redeliverFailed(options: RedeliverOptions): Promise<SweepResult> {
  const { db, octokit } = options;
  const logger = options.logger ?? silentLogger;
  const limit = options.limit ?? 100;
  const attempts = await listSince(octokit, options.since, logger);
  const failed = failedGuids(attempts);
  const guids = failed.map((a) => a.guid);
  const [committed, remembered] = await Promise.all([recordedDeliveryIds(db, guids), rememberedGuids(db, guids)]);
  const result: SweepResult = { listed: attempts.length, failed: failed.length, recorded: 0, remembered: 0, redelivered: [] };
  for (const attempt of failed) {
    if (committed.has(attempt.guid)) {
      result.recorded += 1;
      continue;
    }
    if (remembered.has(attempt.guid)) {
      result.remembered += 1;
      continue;
    }
    if (result.redelivered.length >= limit) break;
    if (!(await claim(db, attempt))) {
      result.remembered += 1;
      continue;
    }
    try {
      await octokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: attempt.id, request: { retries: 0 } });
      result.redelivered.push(attempt.guid);
    } catch (error) {
      if (isUncertain(error)) await unclaim(db, attempt.guid);
      logger.warn({ guid: attempt.guid, status: httpStatus(error), err: errorMessage(error) }, "could not ask GitHub to redeliver a webhook");
    }
  }
  if (result.redelivered.length > 0) logger.info({ guids: result.redelivered }, "asked GitHub to redeliver failed webhooks");
  return result;
}
