import type { Command } from "commander";
import { migrateDown, migrateToLatest } from "../../db/migrate.js";
import { openRuntime } from "../../app/runtime.js";

export function registerMigrateCommand(program: Command): void {
  program
    .command("migrate")
    .description("Apply pending database migrations (or revert the last one with --down).")
    .option("--down", "revert the most recent migration")
    .action(async (options: { down?: boolean }) => {
      const runtime = await openRuntime({ migrate: false });
      try {
        const db = runtime.database.db;
        const lines = options.down ? await migrateDown(db) : await migrateToLatest(db);
        process.stdout.write(`${lines.length > 0 ? lines.join("\n") : "Database is up to date."}\n`);
        process.stdout.write(`Database: ${runtime.database.kind} at ${runtime.database.location}\n`);
      } finally {
        await runtime.close();
      }
    });
}
