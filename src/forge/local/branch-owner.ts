/** Written into every commit Archon makes locally, so a branch of the same name made by a person is never overwritten. */
export const BRANCH_TRAILER = "Archon-Branch";

export function withBranchTrailer(message: string, branch: string): string {
  if (trailerBranch(message) === branch) return message;
  const body = message.trimEnd();
  // Trailers form one block at the end: join an existing block rather than start a second one.
  const lastLine = body.slice(body.lastIndexOf("\n") + 1);
  const separator = /^[A-Za-z][\w-]*: /.test(lastLine) ? "\n" : "\n\n";
  return `${body}${separator}${BRANCH_TRAILER}: ${branch}\n`;
}

export function trailerBranch(message: string): string | undefined {
  const match = new RegExp(`^${BRANCH_TRAILER}: (\\S+)\\s*$`, "m").exec(message);
  return match?.[1];
}
