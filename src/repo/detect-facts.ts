import type { RepositoryFacts } from "../domain/plan.js";
import type { RepoView } from "../domain/forge.js";
import { type PackageManager, detectPackageManager } from "./detect-package-manager.js";
import { dependencyNames, readPackageJson } from "./read-package-json.js";
import type { PackageJson } from "./schema.js";
import { isIgnoredPath, isJsSource, isPySource, isTestPath, isTsSource } from "./source-files.js";

type Framework = RepositoryFacts["framework"];
type TestRunner = RepositoryFacts["testRunner"];

// Reading is an API call per file on GitHub: sample a few sources, not the whole tree.
const MAX_SOURCES_READ = 25;
const MAX_LAYOUT_PATHS = 40;
const NPM_DEFAULT_TEST = /no test specified/;

const JS_FRAMEWORKS: Framework[] = ["fastify", "express"];

const RUNNER_IN_SCRIPT: [RegExp, TestRunner][] = [
  [/\bvitest\b/, "vitest"],
  [/\bjest\b/, "jest"],
  [/\bmocha\b/, "mocha"],
  [/\bnode\b[^&|;]*--test\b/, "node:test"],
  [/\btap\b/, "tap"],
  [/\bpytest\b/, "pytest"],
];

const RUNNER_PACKAGES: [string, TestRunner][] = [
  ["vitest", "vitest"],
  ["jest", "jest"],
  ["mocha", "mocha"],
  ["tap", "tap"],
];

/** What a repository is made of, read from its tree and manifests; never runs anything. */
export async function detectFacts(repo: RepoView): Promise<RepositoryFacts> {
  const paths = (await repo.files()).map((f) => f.path).filter((p) => !isIgnoredPath(p));
  const pkg = await readPackageJson(repo);
  const python = await readPythonManifests(repo, paths);
  const hasNode = pkg !== undefined || paths.some(isJsSource) || paths.some(isTsSource);
  const isPython = !hasNode && (python.length > 0 || paths.some(isPySource));

  const language = detectLanguage(paths, hasNode, isPython);
  const sources = await readSources(repo, paths, language);
  const framework = isPython ? detectPythonFramework(python, sources) : detectJsFramework(pkg, sources);
  const moduleStyle = isPython ? "python" : await detectModuleStyle(repo, pkg, language, sources);
  const testRunner = isPython ? detectPythonRunner(python, paths) : detectJsRunner(pkg, sources);
  const packageManager = pkg ? detectPackageManager(pkg, paths) : undefined;
  return {
    language,
    framework,
    moduleStyle,
    testRunner,
    testCommand: detectTestCommand(pkg, packageManager, testRunner),
    ...(packageManager ? { packageManager } : {}),
    paths: layout(paths),
  };
}

function detectLanguage(paths: string[], hasNode: boolean, isPython: boolean): RepositoryFacts["language"] {
  if (isPython) return "python";
  if (!hasNode) return "unknown";
  if (paths.includes("tsconfig.json") || paths.some((p) => isTsSource(p) && !isConfigFile(p))) return "typescript";
  return "javascript";
}

function isConfigFile(path: string): boolean {
  return !path.includes("/") && /\.config\.[cm]?[jt]s$/.test(path);
}

async function readPythonManifests(repo: RepoView, paths: string[]): Promise<string> {
  const manifests = paths.filter((p) => /^(requirements[^/]*\.txt|pyproject\.toml|setup\.cfg|setup\.py|Pipfile)$/.test(p));
  const texts = await Promise.all(manifests.map((p) => repo.read(p)));
  return texts.filter((t): t is string => t !== undefined).join("\n");
}

async function readSources(repo: RepoView, paths: string[], language: RepositoryFacts["language"]): Promise<Map<string, string>> {
  const wanted =
    language === "python" ? paths.filter(isPySource) : paths.filter((p) => isJsSource(p) || (isTsSource(p) && !isConfigFile(p)));
  // Shallow files first: app entry points live near the root.
  const ranked = [...wanted].sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));
  const chosen = ranked.slice(0, MAX_SOURCES_READ);
  const texts = await Promise.all(chosen.map((p) => repo.read(p)));
  const out = new Map<string, string>();
  chosen.forEach((p, i) => {
    const text = texts[i];
    if (text !== undefined) out.set(p, text);
  });
  return out;
}

function detectJsFramework(pkg: PackageJson | undefined, sources: Map<string, string>): Framework {
  const deps = dependencyNames(pkg);
  const declared = JS_FRAMEWORKS.find((f) => deps.has(f));
  if (declared) return declared;
  const all = [...sources.values()].join("\n");
  return JS_FRAMEWORKS.find((f) => new RegExp(`(require\\(|from\\s+)["']${f}["']`).test(all)) ?? "unknown";
}

function detectPythonFramework(manifests: string, sources: Map<string, string>): Framework {
  if (/^\s*["']?fastapi\b/im.test(manifests)) return "fastapi";
  const all = [...sources.values()].join("\n");
  return /^\s*(from fastapi import|import fastapi)/m.test(all) ? "fastapi" : "unknown";
}

async function detectModuleStyle(
  repo: RepoView,
  pkg: PackageJson | undefined,
  language: RepositoryFacts["language"],
  sources: Map<string, string>,
): Promise<RepositoryFacts["moduleStyle"]> {
  if (pkg?.type === "module") return "esm";
  if (pkg?.type === "commonjs") return "commonjs";
  if (language === "typescript") {
    // Without "type": "module", Node runs compiled TypeScript as CommonJS unless it targets ES modules.
    const tsconfig = (await repo.read("tsconfig.json")) ?? "";
    return /"module"\s*:\s*"(es\d+|esnext|preserve)"/i.test(tsconfig) ? "esm" : "commonjs";
  }
  let esm = 0;
  let cjs = 0;
  for (const [path, text] of sources) {
    if (path.endsWith(".mjs")) esm += 1;
    else if (path.endsWith(".cjs")) cjs += 1;
    else {
      if (/^\s*(import\s[^(]|export\s)/m.test(text)) esm += 1;
      if (/\brequire\(\s*["']|module\.exports\b/.test(text)) cjs += 1;
    }
  }
  if (esm === 0 && cjs === 0) return "unknown";
  // Files without "type": "module" run as CommonJS, so a tie goes to CommonJS.
  return esm > cjs ? "esm" : "commonjs";
}

function detectJsRunner(pkg: PackageJson | undefined, sources: Map<string, string>): TestRunner {
  const script = pkg?.scripts?.test;
  if (script && !NPM_DEFAULT_TEST.test(script)) {
    const found = RUNNER_IN_SCRIPT.find(([pattern]) => pattern.test(script));
    if (found) return found[1];
  }
  const deps = dependencyNames(pkg);
  const declared = RUNNER_PACKAGES.find(([name]) => deps.has(name));
  if (declared) return declared[1];
  const testSources = [...sources].filter(([p]) => isTestPath(p)).map(([, t]) => t);
  if (testSources.some((t) => /["']node:test["']/.test(t))) return "node:test";
  return "unknown";
}

function detectPythonRunner(manifests: string, paths: string[]): TestRunner {
  if (/\bpytest\b/i.test(manifests)) return "pytest";
  if (paths.some((p) => /(^|\/)(test_[^/]*|[^/]*_test)\.py$/.test(p) || p === "conftest.py" || p === "pytest.ini")) return "pytest";
  return "unknown";
}

// `bun test` is bun's own test runner, not the package.json script.
const RUN_TEST_SCRIPT: Record<PackageManager, string> = { npm: "npm test", pnpm: "pnpm test", yarn: "yarn test", bun: "bun run test" };

function detectTestCommand(pkg: PackageJson | undefined, packageManager: PackageManager | undefined, runner: TestRunner): string | undefined {
  const script = pkg?.scripts?.test;
  if (script && !NPM_DEFAULT_TEST.test(script)) return RUN_TEST_SCRIPT[packageManager ?? "npm"];
  // `python3 -m pytest` puts the repository root on sys.path, so `import app` works without config.
  if (runner === "pytest") return "python3 -m pytest";
  if (runner === "node:test") return "node --test";
  if (runner === "jest" || runner === "vitest" || runner === "mocha") return `npx ${runner === "vitest" ? "vitest run" : runner}`;
  return undefined;
}

/** Top-level entries and the directories one level inside source folders, dirs ending in "/". */
function layout(paths: string[]): string[] {
  const out = new Set<string>();
  for (const path of paths) {
    const parts = path.split("/");
    if (parts.length === 1) out.add(path);
    else {
      out.add(`${parts[0]}/`);
      if (parts.length > 2 && /^(src|app|lib|server|api)$/.test(parts[0] ?? "")) out.add(`${parts[0]}/${parts[1]}/`);
    }
  }
  return [...out].sort().slice(0, MAX_LAYOUT_PATHS);
}
