import type { RepoView } from "../domain/forge.js";

/** pytest's own launcher when it is on PATH, else the module through python3 (pip --user installs). */
export const PYTEST_COMMAND = "if command -v pytest >/dev/null 2>&1; then pytest; else python3 -m pytest; fi";

/** npm writes this into a new package.json; it is a placeholder, not a test suite. */
const NPM_PLACEHOLDER = /no test specified/;

export interface TestCommandChoice {
  command: string;
  /** Where it came from, for the report: "archon.yml", "package.json", "pytest". */
  source: "archon.yml" | "detected" | "package.json" | "pytest";
}

async function hasPythonTests(repo: RepoView): Promise<boolean> {
  const files = (await repo.files()).map((f) => f.path);
  return files.some(
    (p) => p === "pytest.ini" || p === "conftest.py" || /(^|\/)(test_[^/]*|[^/]*_test)\.py$/.test(p),
  );
}

/**
 * The command that runs a repository's tests: `testCommand` from .github/archon.yml, else what
 * facts detection found, else package.json's test script, else pytest when there are Python
 * tests.
 */
export async function chooseTestCommand(
  repo: RepoView,
  configured: string | undefined,
  detected: string | undefined,
): Promise<TestCommandChoice | undefined> {
  if (configured) return { command: configured, source: "archon.yml" };
  if (detected) return { command: detected, source: "detected" };
  const pkg = await repo.read("package.json");
  if (pkg) {
    try {
      const script = (JSON.parse(pkg) as { scripts?: Record<string, unknown> }).scripts?.test;
      if (typeof script === "string" && script.trim() !== "" && !NPM_PLACEHOLDER.test(script)) {
        return { command: "npm test", source: "package.json" };
      }
    } catch {
      // An unreadable package.json has no test script to offer.
    }
  }
  if (await hasPythonTests(repo)) return { command: PYTEST_COMMAND, source: "pytest" };
  return undefined;
}
