import { describe, expect, it } from "vitest";
import { detectPackageManager } from "../../src/repo/detect-package-manager.js";
import { PackageJson } from "../../src/repo/schema.js";

describe("detectPackageManager", () => {
  it.each<[string, unknown, string[], string | undefined]>([
    ["pnpm's lockfile", {}, ["package.json", "pnpm-lock.yaml"], "pnpm"],
    ["yarn's lockfile", {}, ["yarn.lock"], "yarn"],
    ["bun's binary lockfile", {}, ["bun.lockb"], "bun"],
    ["bun's text lockfile", {}, ["bun.lock"], "bun"],
    ["npm's lockfile", {}, ["package-lock.json"], "npm"],
    ["a lockfile in a subfolder only", {}, ["web/pnpm-lock.yaml"], undefined],
    ["nothing to say", {}, ["package.json"], undefined],
    ["Corepack's field over the lockfile", { packageManager: "pnpm@9.12.0+sha512.abc" }, ["package-lock.json"], "pnpm"],
    ["devEngines as one entry", { devEngines: { packageManager: { name: "yarn", version: "4.x" } } }, [], "yarn"],
    ["devEngines as a list", { devEngines: { packageManager: [{ name: "deno" }, { name: "bun" }] } }, [], "bun"],
    ["an unknown manager falls back to the lockfile", { packageManager: "deno@2" }, ["yarn.lock"], "yarn"],
    ["a field of the wrong shape reads as absent", { packageManager: 7, devEngines: "npm" }, ["pnpm-lock.yaml"], "pnpm"],
  ])("%s", (_name, json, paths, expected) => {
    expect(detectPackageManager(PackageJson.parse(json), paths)).toBe(expected);
  });
});
