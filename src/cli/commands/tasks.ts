import { type Command, InvalidArgumentError } from "commander";
import { LOCAL_INSTALLATION_ID } from "../../db/installation.repository.js";
import { listTasks, renderTaskDetail, renderTaskList, showTask } from "../../local/task-overview.js";
import { type Runtime, openRuntime } from "../../app/runtime.js";

export interface TasksCommandIo {
  openRuntime: () => Promise<Runtime>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  setExitCode: (code: number) => void;
}

function defaultIo(): TasksCommandIo {
  return {
    openRuntime: () => openRuntime(),
    stdout: process.stdout,
    stderr: process.stderr,
    setExitCode: (code) => {
      process.exitCode = code;
    },
  };
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number");
  return n;
}

interface TasksOptions {
  json?: boolean;
  installation: number;
  limit: number;
}

export function registerTasksCommand(program: Command, io: TasksCommandIo = defaultIo()): void {
  const tasks = program
    .command("tasks")
    .description("List tasks (those of `archon run` unless --installation says otherwise).")
    .option("--json", "print JSON")
    .option("--installation <id>", "the GitHub installation whose tasks to list (0: local)", wholeNumber, LOCAL_INSTALLATION_ID)
    .option("--limit <n>", "how many, newest first", wholeNumber, 20)
    .action(async (options: TasksOptions) => {
      const runtime = await io.openRuntime();
      try {
        const rows = await listTasks(runtime.database.db, options.installation, options.limit);
        io.stdout.write(options.json ? `${JSON.stringify(rows, null, 2)}\n` : renderTaskList(rows));
      } finally {
        await runtime.close();
      }
    });

  tasks
    .command("show")
    .description("A task's plan, steps, agent runs and test results.")
    .argument("<id>", "task id")
    .option("--json", "print JSON")
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const parent = command.parent!.opts<TasksOptions>();
      if (!/^\d{1,18}$/.test(id)) {
        io.stderr.write(`Task ids are numbers; got ${JSON.stringify(id)}.\n`);
        io.setExitCode(2);
        return;
      }
      const runtime = await io.openRuntime();
      try {
        const detail = await showTask(runtime.database.db, parent.installation, id);
        if (!detail) {
          io.stderr.write(`No task ${id}. List them with: archon tasks\n`);
          io.setExitCode(1);
          return;
        }
        io.stdout.write(options.json || parent.json ? `${JSON.stringify(detail, null, 2)}\n` : renderTaskDetail(detail));
      } finally {
        await runtime.close();
      }
    });
}
