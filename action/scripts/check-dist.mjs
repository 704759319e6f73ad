// Fails when action/dist is not what a fresh build of action/src produces.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildAction } from "./build.mjs";

const committed = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist");
const fresh = await mkdtemp(path.join(tmpdir(), "archon-action-dist-"));
try {
  await buildAction(fresh);
  const names = [...new Set([...(await list(committed)), ...(await list(fresh))])].sort();
  const differing = [];
  for (const name of names) {
    const [a, b] = await Promise.all([read(path.join(committed, name)), read(path.join(fresh, name))]);
    if (a === undefined || b === undefined || !a.equals(b)) differing.push(name);
  }
  if (differing.length > 0) {
    console.error(`action/dist is stale (${differing.join(", ")}): run "npm run build:action" and commit action/dist.`);
    process.exitCode = 1;
  } else {
    console.log("action/dist matches a fresh build.");
  }
} finally {
  await rm(fresh, { recursive: true, force: true });
}

async function list(dir) {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

async function read(file) {
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}
