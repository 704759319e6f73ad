import { realpath } from "node:fs/promises";
import path from "node:path";

export type Confined = { ok: true; absolute: string; relative: string } | { ok: false; error: string };

/** The deepest part of `absolute` that exists, resolved through symlinks. */
async function realExisting(absolute: string): Promise<string> {
  let current = absolute;
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(await realpath(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/**
 * A path the model gave, checked to stay inside the workspace: relative, no `..`, not under
 * `.git`, and not leading out through a symlink. `allowRoot` lets "" and "." name the root itself.
 */
export async function confinePath(root: string, given: string, allowRoot = false): Promise<Confined> {
  const text = given.trim();
  if (text === "" || text === ".") {
    return allowRoot ? { ok: true, absolute: root, relative: "" } : { ok: false, error: "a file path is required" };
  }
  if (text.startsWith("/") || /^[A-Za-z]:/.test(text) || text.includes("\\")) {
    return { ok: false, error: `${text}: only paths relative to the repository root, with forward slashes, are allowed` };
  }
  const parts = text.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) return { ok: false, error: `${text}: '..' is not allowed; paths stay inside the repository` };
  if (parts[0] === ".git") return { ok: false, error: `${text}: the .git folder is not open to agents` };
  const relative = parts.join("/");
  const absolute = path.join(root, ...parts);
  const realRoot = await realpath(root);
  const real = await realExisting(absolute);
  if (real !== realRoot && !real.startsWith(`${realRoot}${path.sep}`)) {
    return { ok: false, error: `${text}: leads outside the repository through a symbolic link` };
  }
  return { ok: true, absolute, relative };
}
