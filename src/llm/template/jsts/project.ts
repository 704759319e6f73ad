import ts from "typescript";
import type { RepoView } from "../../../domain/forge.js";
import { readPackageJson } from "../../../repo/read-package-json.js";
import type { PackageJson } from "../../../repo/schema.js";
import { isIgnoredPath, isTestPath } from "../../../repo/source-files.js";

/** Where the repository's files live inside the compiler's virtual file system. */
const ROOT = "/repo";
// Reading is an API call per file on GitHub: enough for the app and its routes, not a monorepo.
const MAX_FILES = 400;
const MAX_BYTES = 4 * 1024 * 1024;
const MAX_FILE_BYTES = 256 * 1024;
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

export interface TsConfigFacts {
  /** `paths` aliases, targets relative to the repository root: `@lib/*` → [`src/lib/*`]. */
  paths: Record<string, string[]>;
  /** compilerOptions.module, lower case (`nodenext`, `commonjs`, `esnext`), when set. */
  module: string | undefined;
  moduleResolution: string | undefined;
}

/**
 * A repository's JavaScript and TypeScript sources under the TypeScript compiler: parsed, bound,
 * and with a checker that follows identifiers across files (imports, `require`, tsconfig paths).
 * Nothing is type-checked against libraries: only the repository's own files are loaded.
 */
export interface JsProject {
  /** Every path of the repository. */
  paths: Set<string>;
  /** Paths of the sources loaded, tests included. */
  sources: string[];
  program: ts.Program;
  checker: ts.TypeChecker;
  packageJson: PackageJson | undefined;
  tsconfig: TsConfigFacts;
  sourceFile(path: string): ts.SourceFile | undefined;
  /** The repository file a module specifier names from a file, or undefined (a package, or not loaded). */
  resolveModule(fromPath: string, specifier: string): string | undefined;
  /** The repository path of a node's file. */
  pathOf(node: ts.Node): string;
  text(path: string): string | undefined;
}

function wanted(path: string): boolean {
  return SOURCE.test(path) && !/\.d\.[cm]?ts$/.test(path) && !isIgnoredPath(path);
}

/** Shallow files first, then non-tests: the app and its routes before deep helpers and tests. */
function rank(a: string, b: string): number {
  const depth = a.split("/").length - b.split("/").length;
  if (depth !== 0) return depth;
  return Number(isTestPath(a)) - Number(isTestPath(b)) || a.localeCompare(b);
}

async function readTsconfig(repo: RepoView): Promise<TsConfigFacts> {
  const text = await repo.read("tsconfig.json");
  const parsed = text === undefined ? undefined : (ts.parseConfigFileTextToJson("tsconfig.json", text).config as unknown);
  const options = (parsed as { compilerOptions?: Record<string, unknown> } | undefined)?.compilerOptions ?? {};
  const baseUrl = typeof options.baseUrl === "string" ? options.baseUrl : ".";
  const paths: Record<string, string[]> = {};
  if (options.paths && typeof options.paths === "object") {
    for (const [alias, targets] of Object.entries(options.paths as Record<string, unknown>)) {
      if (!Array.isArray(targets)) continue;
      paths[alias] = targets
        .filter((t): t is string => typeof t === "string")
        .map((t) => normalise(`${baseUrl}/${t}`));
    }
  }
  const lower = (v: unknown) => (typeof v === "string" ? v.toLowerCase() : undefined);
  return { paths, module: lower(options.module), moduleResolution: lower(options.moduleResolution) };
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return out.join("/");
}

/** The sources to load and their texts: shallow files first, within the file and byte limits. */
async function readSources(repo: RepoView, paths: Set<string>): Promise<Map<string, string>> {
  const chosen = [...paths].filter(wanted).sort(rank).slice(0, MAX_FILES);
  const texts = new Map<string, string>();
  let bytes = 0;
  const read = await Promise.all(chosen.map((p) => repo.read(p)));
  chosen.forEach((p, i) => {
    const text = read[i];
    if (text === undefined || text.length > MAX_FILE_BYTES || bytes + text.length > MAX_BYTES) return;
    bytes += text.length;
    texts.set(p, text);
  });
  return texts;
}

/** Compiler options that bind and resolve the repository's files without type-checking against libraries. */
function compilerOptions(tsconfig: TsConfigFacts): ts.CompilerOptions {
  return {
    allowJs: true,
    checkJs: false,
    noLib: true,
    types: [],
    noEmit: true,
    module: ts.ModuleKind.ESNext,
    // Bundler resolution reads `./x`, `./x.js` for x.ts and index files alike, as every runtime here does.
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    allowImportingTsExtensions: true,
    baseUrl: ROOT,
    paths: Object.fromEntries(Object.entries(tsconfig.paths).map(([k, v]) => [k, v])),
    skipLibCheck: true,
  };
}

/** A compiler host over the virtual file system: the loaded files and the folders that hold them. */
function virtualHost(virtual: Map<string, string>): ts.CompilerHost {
  const dirs = new Set<string>();
  for (const p of virtual.keys()) for (let d = p.slice(0, p.lastIndexOf("/")); d.length > 0; d = d.slice(0, d.lastIndexOf("/"))) dirs.add(d);
  return {
    fileExists: (f) => virtual.has(f),
    readFile: (f) => virtual.get(f),
    getSourceFile: (f, language) => {
      const text = virtual.get(f);
      return text === undefined ? undefined : ts.createSourceFile(f, text, language, true, scriptKind(f));
    },
    getDefaultLibFileName: () => `${ROOT}/__lib.d.ts`,
    writeFile: () => undefined,
    getCurrentDirectory: () => ROOT,
    getDirectories: () => [],
    directoryExists: (d) => dirs.has(d.replace(/\/$/, "")),
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
  };
}

export async function loadJsProject(repo: RepoView): Promise<JsProject> {
  const paths = new Set((await repo.files()).map((f) => f.path));
  const texts = await readSources(repo, paths);
  const tsconfig = await readTsconfig(repo);
  const virtual = new Map([...texts].map(([p, t]) => [`${ROOT}/${p}`, t]));
  const options = compilerOptions(tsconfig);
  const host = virtualHost(virtual);
  const program = ts.createProgram([...virtual.keys()], options, host);
  return {
    paths,
    sources: [...texts.keys()],
    program,
    checker: program.getTypeChecker(),
    packageJson: await readPackageJson(repo),
    tsconfig,
    sourceFile: (path) => program.getSourceFile(`${ROOT}/${path}`),
    resolveModule: (fromPath, specifier) => {
      const found = ts.resolveModuleName(specifier, `${ROOT}/${fromPath}`, options, host).resolvedModule?.resolvedFileName;
      return found?.startsWith(`${ROOT}/`) && virtual.has(found) ? found.slice(ROOT.length + 1) : undefined;
    },
    pathOf: (node) => node.getSourceFile().fileName.slice(ROOT.length + 1),
    text: (path) => texts.get(path),
  };
}

function scriptKind(file: string): ts.ScriptKind {
  if (/\.[cm]?ts$/.test(file)) return ts.ScriptKind.TS;
  if (file.endsWith(".tsx")) return ts.ScriptKind.TSX;
  if (file.endsWith(".jsx")) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}
