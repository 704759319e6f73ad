// Bundles the Action into one file the runner can execute without node_modules.
// Usage: node action/scripts/build.mjs [outdir]   (default: action/dist)
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const actionDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function buildAction(outdir) {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  await build({
    // Comments in the bundle name files relative to this; pin it so any working directory gives the same bytes.
    absWorkingDir: path.dirname(actionDir),
    entryPoints: [path.join(actionDir, "src/index.ts")],
    outfile: path.join(outdir, "index.js"),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    // Bundled CommonJS dependencies (undici, tunnel) call require() for Node's built-ins.
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);',
    },
    legalComments: "eof",
    logLevel: "warning",
  });
  // The bundle is ESM: say so next to it, whatever package.json sits above the checkout.
  await writeFile(path.join(outdir, "package.json"), '{\n  "type": "module"\n}\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildAction(path.resolve(process.argv[2] ?? path.join(actionDir, "dist")));
}
