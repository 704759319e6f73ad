import type { TaskCommands } from "../api/ports.js";
import type { Scope } from "../auth/scope.js";
import type { Db } from "../db/database.js";

export interface McpDependencies {
  db: Db;
  /** Whose data the tools see; from the caller's token. */
  scope: Scope;
  tasks: TaskCommands;
}
