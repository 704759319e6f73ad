import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../migrations/index.js";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("..", import.meta.url));

// The bundle `npm ci` builds (scripts/build.mjs) is what `archon` runs once built: it has to carry
// everything the sources load at run time, the migrations first of all.
describe("the bundled command line", () => {
  let outdir: string;
  let home: string;
  beforeAll(async () => {
    // Inside the checkout, so the bundle's packages resolve from its node_modules as they do in dist/.
    await mkdir(path.join(ROOT, ".archon"), { recursive: true });
    outdir = await mkdtemp(path.join(ROOT, ".archon", "bundle-"));
    home = await mkdtemp(path.join(tmpdir(), "archon-bundle-"));
    await run(process.execPath, [path.join(ROOT, "scripts/build.mjs"), outdir]);
  }, 120_000);
  afterAll(async () => {
    await rm(outdir, { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
  });

  it("prints the version in package.json, read beside the bundle", async () => {
    const { version } = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    const { stdout } = await run(process.execPath, [path.join(outdir, "archon.mjs"), "--version"], { cwd: home });
    expect(stdout).toBe(`${version}\n`);
  });

  it("applies every migration on the embedded database", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ARCHON_DATA_DIR: path.join(home, "data") };
    delete env.DATABASE_URL;
    const { stdout } = await run(process.execPath, [path.join(outdir, "archon.mjs"), "migrate"], { cwd: home, env, timeout: 170_000 });
    expect(stdout.split("\n").filter((line) => line.startsWith("applied "))).toEqual(Object.keys(migrations).map((name) => `applied ${name}`));
    expect(stdout).toContain("Database: pglite");
  }, 180_000);
});
