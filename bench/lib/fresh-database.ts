import { randomBytes } from "node:crypto";
import pg from "pg";

export interface FreshDatabase {
  name: string;
  /** URL of the new database, for a child process's DATABASE_URL. */
  url: string;
  query<T extends pg.QueryResultRow>(text: string): Promise<T[]>;
  drop(): Promise<void>;
}

/**
 * A database of its own on the real server, so a run never sees another run's rows and
 * `archon serve` migrates it at start-up exactly as it would in production.
 */
export async function freshDatabase(serverUrl: string, prefix: string): Promise<FreshDatabase> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let client: pg.Client | undefined;
  return {
    name,
    url: url.toString(),
    async query<T extends pg.QueryResultRow>(text: string) {
      if (!client) {
        client = new pg.Client({ connectionString: url.toString() });
        await client.connect();
      }
      return (await client.query<T>(text)).rows;
    },
    async drop() {
      await client?.end().catch(() => undefined);
      const again = new pg.Client({ connectionString: serverUrl });
      await again.connect();
      await again.query(`drop database if exists "${name}" with (force)`);
      await again.end();
    },
  };
}
