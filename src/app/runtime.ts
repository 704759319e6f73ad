import path from "node:path";
import { pino, type Logger } from "pino";
import { type DatabaseHandle, openDatabase, pingDatabase } from "../db/connect.js";
import { migrateToLatest } from "../db/migrate.js";
import { type Config, loadConfig } from "../config/load-config.js";

export interface Runtime {
  config: Config;
  database: DatabaseHandle;
  logger: Logger;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /**
   * Logger to use; default pino at LOG_LEVEL on stderr, written asynchronously (lines written
   * while a write is in flight go out together; pino flushes what is left when the process exits).
   */
  logger?: Logger;
  env?: Record<string, string | undefined>;
}

/**
 * Loads the configuration and opens the database (PostgreSQL at DATABASE_URL, else the embedded
 * PGlite under ARCHON_DATA_DIR), migrated. Every CLI command starts here.
 */
export async function openRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const config = loadConfig(options.env);
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL }, pino.destination({ dest: 2, sync: false }));
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATABASE_URL ? undefined : path.resolve(config.ARCHON_DATA_DIR),
  });
  try {
    await pingDatabase(database);
    if (options.migrate !== false) await migrateToLatest(database.db);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
  return {
    config,
    database,
    logger,
    close: () => database.close(),
  };
}
