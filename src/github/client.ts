import type { ProbotOctokit } from "probot";

/** The octokit every GitHub adapter function takes: Probot's, with the rest, paginate and config plugins. */
export type GitHubClient = ProbotOctokit;

/** Where a call happens: the repository every adapter function is scoped to. */
export interface RepoTarget {
  octokit: GitHubClient;
  owner: string;
  repo: string;
}

/**
 * Request options for calls that create something. The retry plugin would resend a POST after a
 * 5xx even when GitHub already did the write (probot#921 posted one comment four times), so
 * creating calls never retry inside octokit; `createOnce` looks up before trying again.
 */
export const NO_RETRY = { retries: 0 } as const;

/** HTTP status of an octokit RequestError, or undefined for anything else. */
export function httpStatus(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("status" in error)) return undefined;
  const status = (error as { status: unknown }).status;
  return typeof status === "number" ? status : undefined;
}

/** A failure after which the write may or may not have happened: 5xx, or no answer at all. */
export function isUncertain(error: unknown): boolean {
  const status = httpStatus(error);
  return status === undefined || status >= 500;
}

/** Runs a read, turning a 404 into undefined. */
export async function orNotFound<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (httpStatus(error) === 404) return undefined;
    throw error;
  }
}
