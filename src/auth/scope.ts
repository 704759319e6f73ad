/**
 * What a token may see: one installation and, when listed, only these repositories (full names).
 * Every query on tasks and the knowledge base is filtered by it.
 */
export interface Scope {
  installationId: number;
  repositories?: string[] | undefined;
  /** Who the token was made for, for the record (requested_by of the tasks it creates). */
  subject?: string | undefined;
}

/** True when the scope reaches the repository; an unrestricted scope reaches them all. */
export function scopeAllowsRepository(scope: Scope, fullName: string): boolean {
  if (!scope.repositories) return true;
  const wanted = fullName.toLowerCase();
  return scope.repositories.some((r) => r.toLowerCase() === wanted);
}
