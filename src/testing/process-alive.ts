/**
 * Whether a process (or, given a negative id, a process group) still exists. Signal 0 checks
 * without sending anything; EPERM means it exists but belongs to someone else.
 */
export function isAlive(pid: number): boolean {
  // 0, 1 and -1 name this group, init and every process: never a process Archon started.
  if (!Number.isInteger(pid) || Math.abs(pid) <= 1) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
