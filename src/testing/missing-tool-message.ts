import type { RepositoryFacts } from "../domain/plan.js";

type PackageManager = RepositoryFacts["packageManager"];

// How a person gets each tool a detected test command may start with.
const HOW_TO_INSTALL: Record<string, string> = {
  pnpm: "`npm install -g pnpm` or `corepack enable pnpm`",
  yarn: "`npm install -g yarn` or `corepack enable yarn`",
  bun: "`npm install -g bun`",
  node: "Node.js from https://nodejs.org",
  npm: "Node.js from https://nodejs.org, which brings npm",
  npx: "Node.js from https://nodejs.org, which brings npx",
  python3: "Python 3 from your system's packages",
  python: "Python 3 from your system's packages",
  pytest: "`python3 -m pip install pytest`",
};

/** "install it (e.g. …)", or, for a program that may be one of the repository's dependencies, how to install those. */
export function installAdvice(program: string, packageManager: PackageManager): string {
  const how = HOW_TO_INSTALL[program];
  if (how) return `install it (e.g. ${how})`;
  if (packageManager) return `install it, or the repository's dependencies (\`${packageManager} install\`) if it is one of them`;
  return "install it";
}

export interface MissingToolFacts {
  program: string;
  command: string;
  branch: string;
  packageManager: PackageManager;
  /** How the base commit's run went, when the tests ran there and only the branch lacked the program. */
  baseSummary?: string | undefined;
}

/** The report's message for a test command whose program is not installed: names it, never "failing tests". */
export function missingToolMessage(f: MissingToolFacts): string {
  const advice = installAdvice(f.program, f.packageManager);
  if (f.baseSummary !== undefined) {
    return `The tests ran on the base commit (${f.baseSummary}), but on ${f.branch} \`${f.program}\` was not found, so they could not run: ${advice}, then run \`${f.command}\` on ${f.branch}, or check whether the change calls a program this machine lacks.`;
  }
  return `\`${f.program}\` is not installed on this machine, so the tests could not run: ${advice}, then run \`${f.command}\` on ${f.branch}.`;
}
