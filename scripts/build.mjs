// Bundles Archon's command line (src/cli/main.ts and everything it imports, packages left to
// node_modules) into dist/archon.mjs, which bin/archon.js runs when it is newer than every source it
// was built from. Running the bundle skips the TypeScript loader: less memory, faster start.
// Usage: node scripts/build.mjs [outdir]   (default dist/; npm runs it on install, through "prepare")
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.resolve(process.argv[2] ?? path.join(root, "dist"));

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
const { metafile } = await build({
  absWorkingDir: root,
  entryPoints: ["src/cli/main.ts"],
  outfile: path.join(dist, "archon.mjs"),
  bundle: true,
  packages: "external",
  platform: "node",
  target: "node20",
  format: "esm",
  metafile: true,
  logLevel: "warning",
});
// The sources the bundle was built from, so bin/archon.js can tell when it is out of date.
const inputs = Object.keys(metafile.inputs).sort();
await writeFile(path.join(dist, "inputs.json"), `${JSON.stringify(inputs, null, 1)}\n`);
console.log(`built ${path.relative(root, path.join(dist, "archon.mjs"))} from ${inputs.length} sources`);
