import { execFile } from "node:child_process";

/** Trees of real repositories run to megabytes of `ls-tree` output; the default 1 MB is too small. */
const MAX_BUFFER = 256 * 1024 * 1024;

export interface GitOptions {
  env?: Record<string, string | undefined>;
  /** Written to git's stdin. */
  input?: string | Buffer;
  /** Return stdout as bytes (file contents) instead of text. */
  binary?: boolean;
}

export class GitCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(" ")} failed${exitCode === null ? "" : ` (exit ${exitCode})`}: ${stderr.trim() || "no output"}`);
    this.name = "GitCommandError";
  }
}

function run(cwd: string, args: string[], options: GitOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      "git",
      args,
      {
        cwd,
        encoding: "buffer",
        maxBuffer: MAX_BUFFER,
        // Git must never stop to ask for credentials or open an editor on the person's terminal.
        env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_EDITOR: "true", LC_ALL: "C", ...options.env },
      },
      (error, stdout, stderr) => {
        if (error) {
          const code = typeof error.code === "number" ? error.code : null;
          reject(new GitCommandError(args, code, stderr.toString("utf8")));
          return;
        }
        resolve(stdout);
      },
    );
    // git exits without reading stdin when it has nothing to read; the broken pipe is not an error.
    child.stdin?.on("error", () => undefined);
    child.stdin?.end(options.input ?? "");
  });
}

/** Runs git (no shell) in `cwd` and returns stdout as text. */
export async function git(cwd: string, args: string[], options: GitOptions = {}): Promise<string> {
  return (await run(cwd, args, options)).toString("utf8");
}

/** Runs git and returns stdout as bytes. */
export async function gitBytes(cwd: string, args: string[], options: GitOptions = {}): Promise<Buffer> {
  return run(cwd, args, options);
}

/** Runs git and answers whether it exited 0, for questions such as "does this ref exist". */
export async function gitSucceeds(cwd: string, args: string[]): Promise<boolean> {
  try {
    await run(cwd, args, {});
    return true;
  } catch (error) {
    if (error instanceof GitCommandError) return false;
    throw error;
  }
}
