import { sql } from "kysely";
import type { Db } from "../../src/db/database.js";
import { getJob } from "../../src/db/job.repository.js";
import type { Job } from "../../src/db/job.table.js";
import type { TestDatabaseBackend } from "../support/databases.js";

/** Moves one of a job's clocks into the past, as if time had passed. */
export async function age(db: Db, id: string, column: "published_at" | "updated_at" | "available_at", ms: number) {
  await sql`update jobs set ${sql.ref(column)} = now() - make_interval(secs => ${ms / 1000}) where id = ${id}`.execute(
    db,
  );
}

export async function jobRow(db: Db, id: string): Promise<Job> {
  const job = await getJob(db, id);
  if (!job) throw new Error(`no job ${id}`);
  return job;
}

export async function warmUp(backend: TestDatabaseBackend): Promise<void> {
  const handle = await backend.open();
  await handle.close();
}
