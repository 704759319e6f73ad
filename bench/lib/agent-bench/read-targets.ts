import { readFile } from "node:fs/promises";
import path from "node:path";

interface Targets {
  name: string;
  tasks: { slug: string; acceptance: unknown[] }[];
}

/** Criteria per "<repo>/<task>" from the benchmark's targets.json (empty when it cannot be read). */
export async function readCriteriaTotals(benchDir: string): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  try {
    const targets = JSON.parse(await readFile(path.join(benchDir, "targets.json"), "utf8")) as Targets[];
    for (const repo of targets) for (const task of repo.tasks) totals.set(`${repo.name}/${task.slug}`, task.acceptance.length);
  } catch {
    // Only tasks that stopped before their result.json need these; they count 0 criteria then.
  }
  return totals;
}
