import { spawn } from "node:child_process";

export interface ScriptRun {
  exitCode: number | null;
  /** "<repo>/<task>" of every task the script started, in order, from its "=== repo / task" lines. */
  started: string[];
  /** Its closing "agent-bench: N/T tasks accepted, C/K criteria" line, when it got there. */
  finalLine: string | undefined;
  /** Its last line of output, for a note when it stopped early. */
  lastLine: string | undefined;
}

const STARTED = /^=== (\S+) \/ (\S+)\s*$/;

/**
 * `run.sh MIRROR WORK [FILTER...]` with ARCHON_DIR set to this checkout. Everything it prints goes
 * to `log` as it comes (a run takes minutes per task), and its lines are kept to know which tasks
 * this run touched: the work folder may hold earlier runs' tasks too.
 */
export function runAgentBenchScript(
  options: { runScript: string; mirror: string; work: string; filters: string[]; archonDir: string; env: NodeJS.ProcessEnv },
  log: NodeJS.WritableStream,
): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.runScript, [options.mirror, options.work, ...options.filters], {
      cwd: options.archonDir,
      env: { ...options.env, ARCHON_DIR: options.archonDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const started: string[] = [];
    let finalLine: string | undefined;
    let lastLine: string | undefined;
    let pending = "";
    const readLines = (text: string) => {
      const lines = (pending + text).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const task = STARTED.exec(line);
        if (task) started.push(`${task[1]}/${task[2]}`);
        if (line.startsWith("agent-bench: ")) finalLine = line.trim();
        if (line.trim() !== "") lastLine = line.trim();
      }
    };
    child.stdout.on("data", (chunk: Buffer) => {
      log.write(chunk);
      readLines(chunk.toString("utf8"));
    });
    child.stderr.on("data", (chunk: Buffer) => log.write(chunk));
    child.on("error", reject);
    child.on("close", (exitCode) => {
      readLines("\n");
      resolve({ exitCode, started, finalLine, lastLine });
    });
  });
}
