import { type GitHubClient, httpStatus } from "./client.js";

export interface PermissionCheckerOptions {
  /** How long an answer is trusted; a revoked collaborator can steer for at most this long. */
  ttlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
  /** Entries kept before the oldest are dropped. */
  maxEntries?: number;
}

export interface PermissionChecker {
  /** True when the user may start or steer tasks in the repository: write, maintain or admin. */
  canSteer(octokit: GitHubClient, owner: string, repo: string, username: string): Promise<boolean>;
}

const STEERING_ROLES = new Set(["admin", "maintain", "write"]);

/** `role_name` names custom roles too; `permission` is the base they build on. */
export function allowsSteering(permission: { permission?: string; role_name?: string }): boolean {
  return STEERING_ROLES.has(permission.role_name ?? "") || STEERING_ROLES.has(permission.permission ?? "");
}

/** Collaborator permission look-ups, cached briefly per repository and user. */
export function createPermissionChecker(options: PermissionCheckerOptions = {}): PermissionChecker {
  const ttlMs = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  const cache = new Map<string, { until: number; answer: Promise<boolean> }>();

  async function lookUp(octokit: GitHubClient, owner: string, repo: string, username: string): Promise<boolean> {
    try {
      const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username });
      return allowsSteering(data);
    } catch (error) {
      // Not a collaborator (or no such user): no say over the repository's tasks.
      if (httpStatus(error) === 404) return false;
      throw error;
    }
  }

  return {
    canSteer(octokit, owner, repo, username) {
      const key = `${owner}/${repo}#${username}`.toLowerCase();
      const hit = cache.get(key);
      if (hit !== undefined && hit.until > now()) return hit.answer;
      cache.delete(key);
      const answer = lookUp(octokit, owner, repo, username);
      cache.set(key, { until: now() + ttlMs, answer });
      // Failures are not answers: the next call asks GitHub again.
      answer.catch(() => cache.delete(key));
      while (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
      return answer;
    },
  };
}
