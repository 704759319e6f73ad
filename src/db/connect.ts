import { mkdirSync } from "node:fs";
import path from "node:path";
import { type DatabaseConnection, type Dialect, type Driver, Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { Database, Db } from "./database.js";

// int8 (bigint ids, counts) would otherwise come back as strings; ids stay strings in our row types,
// counts we read through Number(). Leave pg's defaults alone rather than risk precision loss.

export interface DatabaseOptions {
  /** postgres:// URL; unset means embedded PGlite. */
  url?: string | undefined;
  /** Directory of the embedded database; unset with no url means in memory (tests). */
  dataDir?: string | undefined;
  /** PostgreSQL schema to use (tests give each file its own). */
  schema?: string | undefined;
  /** Pool size for a PostgreSQL server. */
  poolSize?: number;
  /** An already open PGlite to use instead of opening dataDir (tests share one per file). */
  pglite?: PGliteInstance | undefined;
}

export interface DatabaseHandle {
  db: Db;
  kind: "postgres" | "pglite";
  /** Where the data lives, for messages: host:port/db or the PGlite directory. */
  location: string;
  /** The schema in use when not the default one. */
  schema?: string | undefined;
  close(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {
  constructor(
    readonly location: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `Cannot reach the database at ${location}: ${reason}. Check that PostgreSQL is running there and that DATABASE_URL is right, or unset DATABASE_URL to use the embedded database.`,
    );
    this.name = "DatabaseUnavailableError";
  }
}

function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
}

/**
 * kysely-pglite's driver hands every caller the same PGlite connection, so two concurrent
 * transactions would interleave their statements. This wrapper serialises connection use, as
 * kysely's own SQLite driver does, so a transaction has the connection to itself.
 */
class SerialDriver implements Driver {
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;
  constructor(private readonly inner: Driver) {}
  init() {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#queue;
    this.#queue = previous.then(() => next);
    await previous;
    this.#release = release;
    return this.inner.acquireConnection();
  }
  beginTransaction(c: DatabaseConnection, s: Parameters<Driver["beginTransaction"]>[1]) {
    return this.inner.beginTransaction(c, s);
  }
  commitTransaction(c: DatabaseConnection) {
    return this.inner.commitTransaction(c);
  }
  rollbackTransaction(c: DatabaseConnection) {
    return this.inner.rollbackTransaction(c);
  }
  async releaseConnection(c: DatabaseConnection) {
    await this.inner.releaseConnection(c);
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }
  destroy() {
    return this.inner.destroy();
  }
}

/** A PGlite instance, opened (and WASM-compiled, which takes seconds) once. */
export type PGliteInstance = import("@electric-sql/pglite").PGlite;

export async function createPglite(dataDir: string | undefined): Promise<PGliteInstance> {
  // Imported lazily: the embedded database is only loaded when no DATABASE_URL is set.
  const { PGlite } = await import("@electric-sql/pglite");
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  return PGlite.create(dataDir ? { dataDir } : {});
}

async function pgliteDialect(instance: PGliteInstance): Promise<Dialect> {
  const { KyselyPGlite } = await import("kysely-pglite");
  const { dialect } = new KyselyPGlite(instance);
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new SerialDriver(dialect.createDriver()),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}

/** Opens PostgreSQL when a URL is given, else the embedded PGlite database. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const location = describeUrl(options.url);
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // A client that loses its server must not crash the process: idle ones report through the
    // pool, checked-out ones (a transaction waiting on GitHub, say) through their own 'error'
    // event; either way the next query on it fails and the caller's job is retried.
    pool.on("error", () => undefined);
    pool.on("connect", (client) => client.on("error", () => undefined));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    if (options.schema) {
      const admin = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: 5_000 });
      try {
        await admin.connect();
        await admin.query(`create schema if not exists "${options.schema.replace(/"/g, "")}"`);
      } catch (error) {
        await db.destroy();
        throw new DatabaseUnavailableError(location, error);
      } finally {
        await admin.end().catch(() => undefined);
      }
    }
    return { db, kind: "postgres", location, schema: options.schema, close: () => db.destroy() };
  }
  const dataDir = options.dataDir ? path.resolve(options.dataDir, "pgdata") : undefined;
  const shared = options.pglite;
  const instance = shared ?? (await createPglite(dataDir));
  const db = new Kysely<Database>({ dialect: await pgliteDialect(instance) });
  if (options.schema) {
    // PGlite has one connection, so search_path set once holds for every query of this handle.
    await sql.raw(`create schema if not exists "${options.schema}"`).execute(db);
    await sql.raw(`set search_path to "${options.schema}"`).execute(db);
  }
  return {
    db,
    kind: "pglite",
    location: dataDir ?? "memory",
    schema: options.schema,
    // A shared instance outlives this handle; its owner closes it.
    close: shared ? async () => undefined : () => db.destroy(),
  };
}

/** Answers within the timeout or throws DatabaseUnavailableError naming where it looked. */
export async function pingDatabase(handle: DatabaseHandle, timeoutMs = 3_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      sql`select 1`.execute(handle.db),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    throw new DatabaseUnavailableError(handle.location, error);
  } finally {
    clearTimeout(timer);
  }
}
