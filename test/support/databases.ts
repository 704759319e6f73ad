import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { type DatabaseHandle, type PGliteInstance, createPglite, openDatabase } from "../../src/db/connect.js";
import { migrateToLatest } from "../../src/db/migrate.js";

export interface TestDatabaseBackend {
  name: "pglite" | "postgres";
  /** A fresh, migrated database of its own: a new schema on a shared PGlite, or on the server. */
  open(): Promise<DatabaseHandle>;
}

// Opening PGlite compiles its WASM and takes seconds; one instance per test file, a schema per test.
let sharedPglite: Promise<PGliteInstance> | undefined;

/** The embedded PGlite always; the real PostgreSQL too when TEST_DATABASE_URL is set. */
export function testDatabases(): TestDatabaseBackend[] {
  const backends: TestDatabaseBackend[] = [{ name: "pglite", open: openPglite }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) backends.push({ name: "postgres", open: () => openPostgres(url) });
  return backends;
}

function schemaName(): string {
  return `test_${randomBytes(6).toString("hex")}`;
}

async function openPglite(): Promise<DatabaseHandle> {
  sharedPglite ??= createPglite(undefined);
  const schema = schemaName();
  const handle = await openDatabase({ pglite: await sharedPglite, schema });
  await migrateToLatest(handle.db, schema);
  return {
    ...handle,
    async close() {
      await sql.raw(`drop schema if exists "${schema}" cascade`).execute(handle.db);
      await sql.raw(`set search_path to public`).execute(handle.db);
    },
  };
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const schema = schemaName();
  const handle = await openDatabase({ url, schema, poolSize: 4 });
  try {
    await migrateToLatest(handle.db, schema);
  } catch (error) {
    // Seen rarely on a loaded machine: the fresh schema not yet visible to the pool's first
    // connection. Create it again and migrate once more; a second failure is real.
    if (!(error instanceof Error) || !/schema .* does not exist/.test(error.message)) throw error;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`create schema if not exists "${schema}"`);
    await client.end();
    await migrateToLatest(handle.db, schema);
  }
  return {
    ...handle,
    async close() {
      await handle.db.destroy();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    },
  };
}
