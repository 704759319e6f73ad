import type { Repository } from "../../src/junit/repository.js";

export function fakeRepository(files: readonly string[], root = "/home/runner/work/calc/calc"): Repository {
  const known = new Set(files);
  return { root, hasFile: (file) => known.has(file) };
}
