import type { SuiteResult } from "../lib/result.js";

/**
 * Loads a benchmark module kept beside this runner by its own authors; a missing or broken one
 * makes its suite "skipped" or "failed" instead of stopping the whole run.
 */
export async function importBench<T>(specifier: string, exportName: string): Promise<T | SuiteResult> {
  let module: Record<string, unknown>;
  try {
    module = (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND";
    const file = specifier.split("/").pop()!.replace(/\.js$/, "");
    if (missing && String((error as Error).message).includes(file)) return { name: exportName, status: "skipped", note: `${specifier} is not there`, rows: [] };
    throw error;
  }
  const fn = module[exportName];
  if (typeof fn !== "function") return { name: exportName, status: "skipped", note: `${specifier} has no ${exportName}()`, rows: [] };
  return fn as T;
}

export function isResult(value: unknown): value is SuiteResult {
  return typeof value === "object" && value !== null && "status" in value && "rows" in value;
}
