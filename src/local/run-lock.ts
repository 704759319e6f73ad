import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { isAlive } from "../testing/process-alive.js";

/**
 * `<dataDir>/runs/<taskId>.pid` names the process running a local task. A run that ends removes
 * it; a run that crashed (kill -9, a power cut) leaves it naming a dead process, which is how the
 * next run knows that task was left in flight.
 */
function runsDir(dataDir: string): string {
  return path.join(path.resolve(dataDir), "runs");
}

const TASK_ID = /^[\w-]+$/;

/** Marks this process as running the task; the function returned removes the mark. */
export async function claimRun(dataDir: string, taskId: string): Promise<() => Promise<void>> {
  if (!TASK_ID.test(taskId)) throw new Error(`claimRun: ${JSON.stringify(taskId)} is not a task id`);
  const file = path.join(runsDir(dataDir), `${taskId}.pid`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${process.pid}\n`);
  return async () => {
    // Only this process's own mark: never one another run wrote since.
    const owner = Number((await readFile(file, "utf8").catch(() => "")).trim());
    if (owner === process.pid) await rm(file, { force: true });
  };
}

/**
 * Ids of the tasks whose run died without ending: their mark names a process that is gone (or
 * nothing readable). The marks are removed, so each abandoned task is reported once.
 */
export async function abandonedRuns(dataDir: string): Promise<string[]> {
  const dir = runsDir(dataDir);
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const abandoned: string[] = [];
  for (const name of names.filter((n) => n.endsWith(".pid")).sort()) {
    const file = path.join(dir, name);
    const text = await readFile(file, "utf8").catch(() => undefined);
    // Removed by its run while this one looked: that run ended.
    if (text === undefined) continue;
    if (isAlive(Number(text.trim()))) continue;
    await rm(file, { force: true });
    abandoned.push(name.slice(0, -".pid".length));
  }
  return abandoned;
}
