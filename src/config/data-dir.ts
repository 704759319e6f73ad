import os from "node:os";
import path from "node:path";

/**
 * Where Archon keeps its embedded database and local work when ARCHON_DATA_DIR is unset: one place
 * per user, whatever folder a command is run from, so every run sees the same tasks.
 * `%LOCALAPPDATA%\archon` on Windows; elsewhere `$XDG_DATA_HOME/archon`, or
 * `~/.local/share/archon` (the XDG default) when XDG_DATA_HOME is unset or not absolute.
 */
export function defaultDataDir(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  if (platform === "win32") {
    const local = env.LOCALAPPDATA?.trim() || path.win32.join(home, "AppData", "Local");
    return path.win32.join(local, "archon");
  }
  const xdg = env.XDG_DATA_HOME?.trim();
  // The XDG spec says a relative path there is invalid and to be ignored.
  if (xdg && path.posix.isAbsolute(xdg)) return path.posix.join(xdg, "archon");
  return path.posix.join(home, ".local", "share", "archon");
}
