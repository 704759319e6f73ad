import { readdirSync } from "node:fs";
import { sql } from "kysely";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/connect.js";
import { createMigrator, migrateDown } from "../../src/db/migrate.js";
import { migrations } from "../../migrations/index.js";
import { testDatabases } from "../support/databases.js";

it("lists every migration file of migrations/ in migrations/index.ts, in order", () => {
  const files = readdirSync(new URL("../../migrations", import.meta.url))
    .filter((name) => name.endsWith(".ts") && name !== "index.ts")
    .map((name) => name.replace(/\.ts$/, ""))
    .sort();
  expect(Object.keys(migrations)).toEqual(files);
});

describe.each(testDatabases())("migrations on $name", (backend) => {
  let handle: DatabaseHandle | undefined;
  // The first PGlite of a file compiles its WASM, which can take long on a loaded machine.
  beforeAll(async () => (await backend.open()).close(), 300_000);
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it("apply every table, then roll back to nothing and forward again", async () => {
    handle = await backend.open();
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
      order by table_name`.execute(handle.db);
    expect(tables.rows.map((r) => r.table_name)).toEqual([
      "agent_runs",
      "ci_results",
      "documents",
      "effects",
      "installations",
      "issue_closes",
      "issue_label_changes",
      "jobs",
      "plan_steps",
      "plans",
      "projects",
      "pull_request_events",
      "repositories",
      "runner_reports",
      "tasks",
      "webhook_deliveries",
    ]);

    const db = handle.db;
    const schema = handle.schema;
    const migrations = await backend.migrating(() => createMigrator(db, schema).getMigrations());
    for (let i = 0; i < migrations.length; i++) await backend.reverting(() => migrateDown(db, schema));
    const left = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.tables
      where table_schema = current_schema() and table_name not like 'kysely_%'`.execute(handle.db);
    expect(left.rows[0]?.n).toBe(0);

    const again = await backend.migrating(() => createMigrator(db, schema).migrateToLatest());
    expect(again.error).toBeUndefined();
  });

  it("ranks documents by the generated tsvector, title first", async () => {
    handle = await backend.open();
    const db = handle.db;
    await db.insertInto("installations").values({ id: 1, account_login: "acme", suspended_at: null, deleted_at: null }).execute();
    await db
      .insertInto("documents")
      .values([
        { installation_id: 1, repository_id: null, kind: "doc", title: "Deploying", body: "How pagination of todos works", path: null, source_task_id: null },
        { installation_id: 1, repository_id: null, kind: "doc", title: "Pagination", body: "Cursor pagination for every list endpoint", path: null, source_task_id: null },
      ])
      .execute();
    const hits = await sql<{ title: string }>`
      select title from documents where search @@ websearch_to_tsquery('english', 'pagination')
      order by ts_rank(search, websearch_to_tsquery('english', 'pagination')) desc`.execute(db);
    expect(hits.rows.map((r) => r.title)).toEqual(["Pagination", "Deploying"]);
  });
});
