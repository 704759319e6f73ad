import { toRepoPath } from "./repo-path.js";
import type { Repository } from "./repository.js";
import { stackFrames } from "./stack-frames.js";
import type { TestCase } from "./test-case.js";

export interface Location {
  path: string;
  line: number;
}

// Extensions tried when a classname names a module or class rather than a file.
const CLASS_FILE_EXTENSIONS = [".py", ".java", ".kt", ".scala", ".ts", ".js", ".rb", ".cs", ".php"];

/**
 * Where a failure happened, in order of trust:
 * 1. a stack frame inside the file the runner named for the test (the failing line of that test);
 * 2. the runner's `file` and `line` attributes;
 * 3. the first stack frame that is a file of the repository;
 * 4. the runner's `file` attribute alone (line 1);
 * 5. the classname mapped to a file (line 1).
 */
export function locateFailure(testCase: TestCase, repository: Repository): Location | undefined {
  const hints = hintDirs(testCase);
  const file = testCase.file === undefined ? undefined : toRepoPath(testCase.file, repository, hints);
  const frames = failureFrames(testCase, repository, hints);
  const inFile = frames.find((frame) => frame.path === file);
  if (inFile) return inFile;
  if (file !== undefined && testCase.line !== undefined) return { path: file, line: Math.max(1, testCase.line) };
  if (frames[0]) return frames[0];
  if (file !== undefined) return { path: file, line: 1 };
  const mapped = classnameFile(testCase.classname, repository);
  return mapped === undefined ? undefined : { path: mapped, line: 1 };
}

function failureFrames(testCase: TestCase, repository: Repository, hints: string[]): Location[] {
  const failure = testCase.failure;
  if (failure === undefined) return [];
  const frames: Location[] = [];
  for (const frame of stackFrames(`${failure.details}\n${failure.message}`)) {
    const path = toRepoPath(frame.path, repository, hints);
    if (path !== undefined) frames.push({ path, line: frame.line });
  }
  return frames;
}

/** Directories the test may live in, from its file and classname (a go package, a Java package). */
function hintDirs(testCase: TestCase): string[] {
  const dirs: string[] = [];
  const { classname } = testCase;
  if (testCase.file?.includes("/")) dirs.push(testCase.file.slice(0, testCase.file.lastIndexOf("/")));
  if (classname.includes("/")) {
    dirs.push(classname);
    dirs.push(classname.slice(0, classname.lastIndexOf("/")));
  } else if (/^[\w$]+(\.[\w$]+)+$/.test(classname)) {
    dirs.push(classname.split(".").slice(0, -1).join("/"));
  }
  return dirs;
}

function classnameFile(classname: string, repository: Repository): string | undefined {
  if (classname === "") return undefined;
  const direct = toRepoPath(classname, repository);
  if (direct !== undefined) return direct;
  if (!/^[\w$]+(\.[\w$]+)*$/.test(classname)) return undefined;
  const segments = classname.split(".");
  // pytest's "tests.test_api.TestItems" is the module tests/test_api.py: drop trailing class names.
  for (let end = segments.length; end > 0; end--) {
    const base = segments.slice(0, end).join("/");
    for (const extension of CLASS_FILE_EXTENSIONS) {
      const found = toRepoPath(`${base}${extension}`, repository, [""]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
