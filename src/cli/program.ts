import { Command, CommanderError } from "commander";
import { ConfigError } from "../config/load-config.js";
import { DatabaseUnavailableError } from "../db/connect.js";
import { QueueUnavailableError } from "../queue/create-queue.js";
import { registerKbCommand } from "./commands/kb.js";
import { registerMcpCommand } from "./commands/mcp.js";
import { registerMigrateCommand } from "./commands/migrate.js";
import { registerRunCommand } from "./commands/run.js";
import { registerServeCommand } from "./commands/serve.js";
import { registerTasksCommand } from "./commands/tasks.js";
import { registerTokenCommand } from "./commands/token.js";
import { registerWorkerCommand } from "./commands/worker.js";
import { archonVersion } from "./version.js";

/** Errors a person can act on are printed as one message, without a stack trace. */
function isExpected(error: unknown): error is Error {
  return (
    error instanceof ConfigError ||
    error instanceof DatabaseUnavailableError ||
    error instanceof QueueUnavailableError ||
    (error instanceof Error && (error as { expected?: boolean }).expected === true)
  );
}

export function buildProgram(): Command {
  const program = new Command()
    .name("archon")
    .description("Turns labeled issues into planned, tested pull requests; runs the same pipeline on a local git repository.")
    .version(archonVersion(), "-V, --version", "print Archon's version")
    .showHelpAfterError();
  registerRunCommand(program);
  registerTasksCommand(program);
  registerKbCommand(program);
  registerServeCommand(program);
  registerWorkerCommand(program);
  registerMigrateCommand(program);
  registerTokenCommand(program);
  registerMcpCommand(program);
  return program;
}

/** Runs the command line; a failure a person can act on becomes a message and an exit code. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().exitOverride().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (isExpected(error)) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}

