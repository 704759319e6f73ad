import type { RepositoryFacts } from "../domain/plan.js";
import type { PackageJson } from "./schema.js";

export type PackageManager = NonNullable<RepositoryFacts["packageManager"]>;

const MANAGERS: readonly PackageManager[] = ["npm", "pnpm", "yarn", "bun"];

// In the order checked: a repository carrying two lockfiles has usually switched to the first.
const LOCKFILES: [string, PackageManager][] = [
  ["pnpm-lock.yaml", "pnpm"],
  ["yarn.lock", "yarn"],
  ["bun.lock", "bun"],
  ["bun.lockb", "bun"],
  ["package-lock.json", "npm"],
  ["npm-shrinkwrap.json", "npm"],
];

function known(name: string | undefined): PackageManager | undefined {
  return MANAGERS.find((m) => m === name);
}

/**
 * The package manager a JavaScript repository is meant to be used with: what package.json says
 * (Corepack's `packageManager`, then npm's `devEngines.packageManager`), else its root lockfile.
 */
export function detectPackageManager(pkg: PackageJson | undefined, paths: readonly string[]): PackageManager | undefined {
  // "pnpm@9.12.0+sha512.…": the name is what comes before the version.
  const declared = known(pkg?.packageManager?.split("@")[0]?.trim());
  if (declared) return declared;
  const engines = pkg?.devEngines?.packageManager;
  const engine = (Array.isArray(engines) ? engines : engines ? [engines] : []).map((e) => known(e.name)).find((m) => m !== undefined);
  if (engine) return engine;
  return LOCKFILES.find(([file]) => paths.includes(file))?.[1];
}
