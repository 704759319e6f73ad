import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { FileChange } from "../../../../src/domain/forge.js";
import { applyChanges, copyFixture } from "../../../support/fs-repo-view.js";

const run = promisify(execFile);

// The system interpreter carries Debian's fastapi 0.92 and pydantic 1.10, which the fixtures pin.
export const PYTHON = "/usr/bin/python3";

export async function pytest(dir: string, args: string[] = []): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run(PYTHON, ["-m", "pytest", "-q", "-p", "no:cacheprovider", ...args], {
      cwd: dir,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
      timeout: 60_000,
    });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

export async function compiles(dir: string, paths: string[]): Promise<{ ok: boolean; output: string }> {
  try {
    await run(PYTHON, ["-m", "py_compile", ...paths], { cwd: dir, env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } });
    return { ok: true, output: "" };
  } catch (error) {
    const failed = error as { stderr?: string };
    return { ok: false, output: failed.stderr ?? String(error) };
  }
}

/** A copy of a fixture with the changes applied. */
export async function applied(fixture: string, changes: FileChange[]): Promise<string> {
  const dir = await copyFixture(fixture);
  await applyChanges(dir, changes);
  return dir;
}
