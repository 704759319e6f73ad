export type LocalForgeErrorCode = "not_a_repository" | "no_commits" | "branch_collision" | "bad_ref";

/** A problem with the local repository the person can fix; the message says how. */
export class LocalForgeError extends Error {
  constructor(
    readonly code: LocalForgeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "LocalForgeError";
  }
}
