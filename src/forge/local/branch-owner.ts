/** Written into every commit Archon makes locally, so a branch of the same name made by a person is never overwritten. */
export const BRANCH_TRAILER = "Archon-Branch";

export function withBranchTrailer(message: string, branch: string): string {
  if (trailerBranch(message) === branch) return message;
  return `${message.trimEnd()}\n\n${BRANCH_TRAILER}: ${branch}\n`;
}

export function trailerBranch(message: string): string | undefined {
  const match = new RegExp(`^${BRANCH_TRAILER}: (\\S+)\\s*$`, "m").exec(message);
  return match?.[1];
}
