import type { z } from "zod";
import { findMarkedTask } from "../../render/marker.js";
import type { Actor, Intake, RepoInfo } from "../domain-event.js";
import type { Repo } from "../schema.js";

/** Archon's branches: only CI and pull request events on these concern a task. */
export const BRANCH_PREFIX = "archon/";
/** A comment body is cut here before it is stored; commands live in the first lines. */
export const MAX_BODY = 65_536;

/** Turns one webhook's payload into the event the worker acts on, or says why it is ignored. */
export type EventParser = (payload: unknown, key: string) => Intake;

export function ignored(key: string, reason: string): Intake {
  return { kind: "ignored", reason: `${key}: ${reason}` };
}

export function repoInfo(r: Repo): RepoInfo {
  return { id: r.id, fullName: r.full_name, defaultBranch: r.default_branch, private: r.private };
}

export function actor(u: { login: string; type: string }): Actor {
  return { login: u.login, isBot: u.type === "Bot" || u.login.endsWith("[bot]") };
}

/** Text cut to MAX_BODY; null and undefined become "". */
export function cut(text: string | null | undefined): string {
  const t = text ?? "";
  return t.length > MAX_BODY ? t.slice(0, MAX_BODY) : t;
}

/** A timestamp as ISO text, or undefined when it is missing or not a time. */
export function instant(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The task id in the `archon:pr` marker of a pull request a bot opened, or undefined. */
export function markedTask(issue: { pull_request?: unknown; user: { login: string; type: string }; body: string | null }): string | undefined {
  if (issue.pull_request === undefined || !actor(issue.user).isBot) return undefined;
  const id = findMarkedTask(issue.body ?? "", "pr");
  return id !== undefined && /^\d+$/.test(id) ? id : undefined;
}

/** The payload checked against its schema, or a one-line reason it does not match. */
export function parse<T extends z.ZodType>(schema: T, payload: unknown): z.infer<T> | string {
  const r = schema.safeParse(payload);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  return `payload does not match: ${first ? `${first.path.join(".") || "(root)"}: ${first.message}` : "unknown"}`;
}

/** The payload's `action`, when it has one. */
export function actionOf(payload: unknown): unknown {
  return (payload as { action?: unknown } | null)?.action;
}
