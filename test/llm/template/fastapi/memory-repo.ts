import { createHash } from "node:crypto";
import type { RepositoryFacts } from "../../../../src/domain/plan.js";
import type { RepoView } from "../../../../src/domain/forge.js";

/** A RepoView over files given inline, for small reader cases. */
export function memoryRepo(files: Record<string, string>): RepoView {
  return {
    ref: "HEAD",
    async files() {
      return Object.keys(files)
        .sort()
        .map((path) => ({ path, sha: createHash("sha1").update(files[path]!).digest("hex"), size: Buffer.byteLength(files[path]!) }));
    },
    async read(path) {
      return files[path];
    },
  };
}

export const FACTS: RepositoryFacts = { language: "python", framework: "fastapi", moduleStyle: "python", testRunner: "pytest", testCommand: "python3 -m pytest", paths: [] };
