#!/usr/bin/env node
// Runs the bundle that `npm run build` (run by npm on install) wrote to dist/ while it is newer than
// every source it was built from; otherwise runs the TypeScript sources directly through tsx, so a
// fresh clone or an edited source never runs stale code.
import { readFileSync, statSync } from "node:fs";

const root = new URL("../", import.meta.url);

function bundleIsFresh() {
  try {
    const built = statSync(new URL("dist/archon.mjs", root)).mtimeMs;
    const inputs = JSON.parse(readFileSync(new URL("dist/inputs.json", root), "utf8"));
    return inputs.every((input) => statSync(new URL(input, root)).mtimeMs <= built);
  } catch {
    return false;
  }
}

if (process.env.ARCHON_FROM_SOURCE !== "1" && bundleIsFresh()) {
  await import("../dist/archon.mjs");
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
