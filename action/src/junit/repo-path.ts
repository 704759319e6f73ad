import path from "node:path/posix";
import { fileURLToPath } from "node:url";
import { toSlashes, type Repository } from "./repository.js";

// Conventional source roots for runners that name only a package and a bare file (Java, Kotlin).
const SOURCE_ROOTS = ["src/test/java", "src/test/kotlin", "src/test/scala", "src/main/java", "test", "tests", "src"];

/**
 * Turns a path as a runner printed it into a file of the repository, or undefined when it is not
 * one (dependencies, runtime internals, files elsewhere on the runner). `hintDirs` are directories
 * the test is known to live in, for runners that print bare file names (go, Java).
 */
export function toRepoPath(raw: string, repository: Repository, hintDirs: readonly string[] = []): string | undefined {
  const printed = toSlashes(fromFileUrl(raw.trim()));
  if (/(^|\/)node_modules\//.test(printed) || /^(node|internal|bun):/.test(printed)) return undefined;
  if (isAbsolute(printed)) return fromAbsolute(printed, repository);
  const relative = path.normalize(printed);
  if (relative.startsWith("../")) return undefined;
  if (repository.hasFile(relative)) return relative;
  for (const candidate of hinted(relative, hintDirs)) {
    if (repository.hasFile(candidate)) return candidate;
  }
  return undefined;
}

function fromAbsolute(absolute: string, repository: Repository): string | undefined {
  const root = `${repository.root}/`;
  if (absolute.startsWith(root)) {
    const relative = absolute.slice(root.length);
    return repository.hasFile(relative) ? relative : undefined;
  }
  // Tests that ran in a container print its paths (/app/src/a.test.ts): the longest tail that is
  // a file of the repository is the one meant.
  const segments = absolute.split("/").filter((segment) => segment !== "" && !segment.endsWith(":"));
  for (let start = 1; start < segments.length; start++) {
    const tail = segments.slice(start).join("/");
    if (repository.hasFile(tail)) return tail;
  }
  return undefined;
}

function* hinted(relative: string, hintDirs: readonly string[]): Generator<string> {
  for (const dir of hintDirs) {
    const segments = dir.split("/").filter((segment) => segment !== "");
    // A go package path carries the module path in front of the directory: try every tail.
    for (let start = 0; start < segments.length; start++) {
      yield path.join(...segments.slice(start), relative);
    }
    for (const root of SOURCE_ROOTS) yield path.join(root, ...segments, relative);
  }
}

function fromFileUrl(value: string): string {
  if (!value.startsWith("file:")) return value;
  try {
    return fileURLToPath(value);
  } catch {
    return value.replace(/^file:\/*/, "/");
  }
}

function isAbsolute(value: string): boolean {
  return value.startsWith("/") || /^[A-Za-z]:\//.test(value);
}
