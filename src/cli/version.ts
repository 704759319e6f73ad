import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Archon's version, from the package.json above this module: two folders up from src/cli/ when run
 * from source, one up from dist/ when run from the bundle, so both read the file npm installed.
 */
export function archonVersion(moduleUrl: string = import.meta.url): string {
  for (let dir = path.dirname(fileURLToPath(moduleUrl)); ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === "archon" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // No package.json here, or not one to read: look further up.
    }
    if (path.dirname(dir) === dir) return "unknown";
  }
}
