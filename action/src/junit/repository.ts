import { statSync } from "node:fs";
import path from "node:path";

/** The checked-out repository: where paths are relative to and which files exist. */
export interface Repository {
  /** Absolute, forward slashes, no trailing slash. */
  root: string;
  /** `file` is relative to the root, forward slashes. */
  hasFile(file: string): boolean;
}

export function diskRepository(root: string): Repository {
  const known = new Map<string, boolean>();
  return {
    root: toSlashes(path.resolve(root)).replace(/\/$/, ""),
    hasFile(file) {
      let exists = known.get(file);
      if (exists === undefined) {
        exists = statSync(path.join(root, file), { throwIfNoEntry: false })?.isFile() ?? false;
        known.set(file, exists);
      }
      return exists;
    },
  };
}

export function toSlashes(value: string): string {
  return value.replaceAll("\\", "/");
}
