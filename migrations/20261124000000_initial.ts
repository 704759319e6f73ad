import { type Kysely, sql } from "kysely";

// Frozen in time: this file never imports from src/.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("installations")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("account_login", "text", (c) => c.notNull())
    .addColumn("account_type", "text", (c) => c.notNull().defaultTo("Organization"))
    .addColumn("suspended_at", "timestamptz")
    .addColumn("deleted_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("repositories")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("installation_id", "bigint", (c) => c.notNull().references("installations.id").onDelete("cascade"))
    .addColumn("forge", "text", (c) => c.notNull().defaultTo("github"))
    .addColumn("github_id", "bigint")
    .addColumn("full_name", "text", (c) => c.notNull())
    .addColumn("default_branch", "text", (c) => c.notNull().defaultTo("main"))
    .addColumn("private", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("local_path", "text")
    .addColumn("removed_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("repositories_installation_full_name", ["installation_id", "full_name"])
    .execute();
  await db.schema.createIndex("repositories_github_id").on("repositories").column("github_id").unique().execute();

  await db.schema
    .createTable("projects")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("installation_id", "bigint", (c) => c.notNull().references("installations.id").onDelete("cascade"))
    .addColumn("repository_id", "bigint", (c) => c.references("repositories.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("projects_repository").on("projects").column("repository_id").unique().execute();

  await db.schema
    .createTable("tasks")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("installation_id", "bigint", (c) => c.notNull().references("installations.id").onDelete("cascade"))
    .addColumn("repository_id", "bigint", (c) => c.notNull().references("repositories.id").onDelete("cascade"))
    .addColumn("project_id", "bigint", (c) => c.references("projects.id").onDelete("set null"))
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('issue', 'api', 'mcp', 'cli')`))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("issue_number", "integer")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("spec", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("requested_by", "text", (c) => c.notNull())
    .addColumn("assignee", "text")
    .addColumn("budget_usd", "numeric(12, 4)")
    .addColumn("spent_usd", "numeric(12, 4)", (c) => c.notNull().defaultTo(0))
    .addColumn("branch", "text")
    .addColumn("pr_number", "integer")
    .addColumn("pr_url", "text")
    .addColumn("head_sha", "text")
    .addColumn("status_comment_id", "bigint")
    .addColumn("check_run_id", "bigint")
    .addColumn("fix_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One live task per issue: labeling an issue that already has an active task starts nothing new.
  await sql`create unique index tasks_active_issue on tasks (repository_id, issue_number)
    where issue_number is not null and status not in ('done', 'failed', 'cancelled')`.execute(db);
  await db.schema.createIndex("tasks_installation_status").on("tasks").columns(["installation_id", "status"]).execute();

  await db.schema
    .createTable("plans")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("task_id", "bigint", (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("facts", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("plans_task_version", ["task_id", "version"])
    .execute();

  await db.schema
    .createTable("plan_steps")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("plan_id", "bigint", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("agent", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("attempt", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("depends_on", sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'::integer[]`))
    .addColumn("files", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("plan_steps_plan_position", ["plan_id", "position"])
    .execute();

  await db.schema
    .createTable("agent_runs")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("task_id", "bigint", (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("plan_step_id", "bigint", (c) => c.references("plan_steps.id").onDelete("set null"))
    .addColumn("agent", "text", (c) => c.notNull())
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("model", "text")
    .addColumn("attempt", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("started_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("finished_at", "timestamptz")
    .addColumn("outcome", "text", (c) => c.notNull().defaultTo("running"))
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("error", "text")
    .addColumn("tokens_in", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("tokens_out", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("cost_usd", "numeric(12, 6)", (c) => c.notNull().defaultTo(0))
    .addColumn("github_requests", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("report", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex("agent_runs_task").on("agent_runs").column("task_id").execute();

  await db.schema
    .createTable("ci_results")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("task_id", "bigint", (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("head_sha", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("external_id", "text", (c) => c.notNull())
    .addColumn("conclusion", "text", (c) => c.notNull())
    .addColumn("passed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("skipped", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failures", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("url", "text")
    .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("ci_results_task_source_external", ["task_id", "source", "external_id"])
    .execute();

  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("delivery_id", "text", (c) => c.primaryKey())
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("action", "text")
    .addColumn("installation_id", "bigint")
    .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("job_id", "bigint")
    .execute();

  await db.schema
    .createTable("jobs")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "jsonb", (c) => c.notNull())
    .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
    .addColumn("task_id", "bigint")
    .addColumn("state", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("available_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("published_at", "timestamptz")
    .addColumn("last_error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The reconciler's scan: jobs not finished, oldest due first.
  await sql`create index jobs_unfinished on jobs (available_at) where state in ('pending', 'running')`.execute(db);

  // Side effects done on the outside world, keyed so that a job run twice does each once.
  await db.schema
    .createTable("effects")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("task_id", "bigint")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("result", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("documents")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("installation_id", "bigint", (c) => c.notNull().references("installations.id").onDelete("cascade"))
    .addColumn("repository_id", "bigint", (c) => c.references("repositories.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("path", "text")
    .addColumn("source_task_id", "bigint", (c) => c.references("tasks.id").onDelete("set null"))
    .addColumn("search", sql`tsvector`, (c) =>
      c.generatedAlwaysAs(
        sql`setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(body, '')), 'B')`,
      ).stored(),
    )
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index documents_search on documents using gin (search)`.execute(db);
  await db.schema.createIndex("documents_scope").on("documents").columns(["installation_id", "repository_id", "kind"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "documents",
    "effects",
    "jobs",
    "webhook_deliveries",
    "ci_results",
    "agent_runs",
    "plan_steps",
    "plans",
    "tasks",
    "projects",
    "repositories",
    "installations",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
