import type { RepoView } from "../domain/forge.js";
import { PackageJson } from "./schema.js";

/** The root package.json, or undefined when it is missing or not JSON. */
export async function readPackageJson(repo: RepoView): Promise<PackageJson | undefined> {
  const text = await repo.read("package.json");
  if (text === undefined) return undefined;
  try {
    const parsed = PackageJson.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function dependencyNames(pkg: PackageJson | undefined): Set<string> {
  return new Set([...Object.keys(pkg?.dependencies ?? {}), ...Object.keys(pkg?.devDependencies ?? {})]);
}
