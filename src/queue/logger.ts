/** The slice of pino's logger the queue uses; Probot's `app.log` fits. */
export interface QueueLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

function ignore(): void {}

/** Discards everything; the default where no logger is given. */
export const silentLogger: QueueLogger = {
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
};

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
