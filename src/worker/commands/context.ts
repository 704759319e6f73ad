import type { Command, CommandType } from "../../domain/task-command.js";
import type { Task } from "../../db/task.table.js";
import type { TaskForge } from "../../forge/task-forge.js";
import type { WorkerDeps } from "../deps.js";

/** What a command's handler works with: the process's dependencies, the task as it is now, its forge. */
export interface CommandContext {
  deps: WorkerDeps;
  task: Task;
  forge: TaskForge;
}

export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/** One handler per command type, like the state machine's one handler per event type. */
export type CommandHandlers = {
  [T in CommandType]: (ctx: CommandContext, command: CommandOf<T>) => Promise<void>;
};
