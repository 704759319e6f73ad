/** Size limits on one agent's output; a task needing more is split or done by a person. */
export interface ChangeLimits {
  /** Files created, modified or deleted by one agent run. */
  maxFiles: number;
  /** UTF-8 bytes in one file; generated sources are small, anything larger is a runaway. */
  maxFileBytes: number;
  /** UTF-8 bytes over all files of one run. */
  maxTotalBytes: number;
}

export const DEFAULT_LIMITS: ChangeLimits = {
  maxFiles: 40,
  maxFileBytes: 256 * 1024,
  maxTotalBytes: 1024 * 1024,
};
