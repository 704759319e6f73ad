import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { type DatabaseHandle, type PGliteInstance, createPglite, openDatabase } from "../../src/db/connect.js";
import { upsertInstallation, upsertRepository } from "../../src/db/installation.repository.js";
import { migrateToLatest } from "../../src/db/migrate.js";

export interface TestDatabaseBackend {
  name: "pglite" | "postgres";
  /** A fresh, migrated database of its own: a new schema on a shared PGlite, or on the server. */
  open(): Promise<DatabaseHandle>;
  /** Runs migrations of a test's own that only add (see whileNoSchemaIsDropped). */
  migrating<T>(run: () => Promise<T>): Promise<T>;
  /** Runs migrations of a test's own that drop tables or columns: alone, like a schema drop. */
  reverting<T>(run: () => Promise<T>): Promise<T>;
}

// Opening PGlite compiles its WASM and takes seconds; one instance per test file, a schema per test.
let sharedPglite: Promise<PGliteInstance> | undefined;

/** The embedded PGlite always; the real PostgreSQL too when TEST_DATABASE_URL is set. */
export function testDatabases(): TestDatabaseBackend[] {
  const backends: TestDatabaseBackend[] = [{ name: "pglite", open: openPglite, migrating: (run) => run(), reverting: (run) => run() }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    backends.push({
      name: "postgres",
      open: () => openPostgres(url),
      migrating: (run) => whileNoSchemaIsDropped(url, run),
      reverting: (run) => withAdvisoryLock(url, "pg_advisory_lock", () => run()),
    });
  }
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

// kysely's Migrator finds its own tables by listing every column of every schema in the database,
// which fails ("… does not exist") when another test file drops a schema, a table or a column
// during the listing. Migrations hold this advisory lock shared; schema drops and down migrations
// hold it exclusively, so the two never meet.
const SCHEMA_DROP_LOCK = 7_420_001;

async function withAdvisoryLock<T>(url: string, lock: "pg_advisory_lock" | "pg_advisory_lock_shared", run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`select ${lock}($1)`, [SCHEMA_DROP_LOCK]);
    return await run(client);
  } finally {
    // The lock is the session's: it goes with the connection.
    await client.end();
  }
}

/** Runs `run` (migrations) while no test schema is being dropped. */
function whileNoSchemaIsDropped<T>(url: string, run: () => Promise<T>): Promise<T> {
  return withAdvisoryLock(url, "pg_advisory_lock_shared", () => run());
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const schema = schemaName();
  const handle = await openDatabase({ url, schema, poolSize: 4 });
  await whileNoSchemaIsDropped(url, () => migrateToLatest(handle.db, schema));
  return {
    ...handle,
    async close() {
      await handle.db.destroy();
      await withAdvisoryLock(url, "pg_advisory_lock", (client) => client.query(`drop schema if exists "${schema}" cascade`));
    },
  };
}

/** A fresh database of `backend` with one installation (7) and its repository `fullName` (GitHub id 700). */
export async function openWithRepository(backend: TestDatabaseBackend, fullName = "acme/api"): Promise<{ handle: DatabaseHandle; repositoryId: string }> {
  const handle = await backend.open();
  await upsertInstallation(handle.db, { id: 7, accountLogin: fullName.split("/")[0]! });
  const repositoryId = (await upsertRepository(handle.db, { installationId: 7, githubId: 700, fullName })).id;
  return { handle, repositoryId };
}
