import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from "kysely";
import { migrations } from "../../migrations/index.js";
import type { Db } from "./database.js";

/**
 * The migrations are imported, not read from a folder at run time, so they load the same under
 * tsx, vitest and the compiled bundle.
 */
const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations satisfies Record<string, Migration>),
};

/**
 * `schema` keeps the migration tables beside the data when it is not the default one; without it
 * kysely would find another schema's migration table and skip creating its own.
 */
export function createMigrator(db: Db, schema?: string): Migrator {
  return new Migrator({
    db,
    provider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

function check(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error");
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? "(setup)"} failed: ${reason}`);
  }
  return (result.results ?? []).map((r) => `${r.direction === "Up" ? "applied" : "reverted"} ${r.migrationName}`);
}

/** Applies every pending migration; returns one line per migration applied. */
export async function migrateToLatest(db: Db, schema?: string): Promise<string[]> {
  return check(await createMigrator(db, schema).migrateToLatest());
}

/** Reverts the most recent migration. */
export async function migrateDown(db: Db, schema?: string): Promise<string[]> {
  return check(await createMigrator(db, schema).migrateDown());
}
