import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";

/** Whether `program` is an executable file in one of the folders of `pathVariable`, as `sh` would find it. */
export function isOnPath(program: string, pathVariable: string | undefined = process.env.PATH): boolean {
  for (const dir of (pathVariable ?? "").split(path.delimiter)) {
    // An empty entry means the current folder; a test command never relies on that for its program.
    if (dir === "") continue;
    const file = path.join(dir, program);
    try {
      if (!statSync(file).isFile()) continue;
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      // Not here, or not executable: look in the next folder.
    }
  }
  return false;
}
