import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from "kysely";
import type { Db } from "./database.js";

const migrationFolder = fileURLToPath(new URL("../../migrations", import.meta.url));

/**
 * kysely's FileMigrationProvider imports from inside node_modules, where neither tsx nor vitest
 * transform TypeScript; importing from here lets the same .ts migration files run everywhere.
 */
class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: string) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const names = (await readdir(this.folder)).filter((n) => /\.(ts|js|mjs)$/.test(n) && !n.endsWith(".d.ts")).sort();
    const migrations: Record<string, Migration> = {};
    for (const name of names) {
      const module = (await import(pathToFileURL(path.join(this.folder, name)).href)) as Migration;
      migrations[name.replace(/\.(ts|js|mjs)$/, "")] = { up: module.up, down: module.down };
    }
    return migrations;
  }
}

/**
 * `schema` keeps the migration tables beside the data when it is not the default one; without it
 * kysely would find another schema's migration table and skip creating its own.
 */
export function createMigrator(db: Db, schema?: string): Migrator {
  return new Migrator({
    db,
    provider: new FolderMigrationProvider(migrationFolder),
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
