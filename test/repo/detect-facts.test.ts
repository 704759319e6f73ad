import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RepositoryFacts } from "../../src/domain/plan.js";
import type { RepoView } from "../../src/domain/forge.js";
import { detectFacts } from "../../src/repo/detect-facts.js";
import { FIXTURES_DIR, fsRepoView } from "../support/fs-repo-view.js";

function memoryRepo(files: Record<string, string>): RepoView {
  return {
    ref: "main",
    files: async () => Object.keys(files).sort().map((path) => ({ path, sha: path, size: files[path]!.length })),
    read: async (path) => files[path],
  };
}

describe("detectFacts", () => {
  it.each<[string, Omit<RepositoryFacts, "paths">, string[]]>([
    [
      "express-jest",
      { language: "javascript", framework: "express", moduleStyle: "commonjs", testRunner: "jest", testCommand: "npm test" },
      ["package.json", "src/", "src/routes/", "tests/"],
    ],
    [
      "fastify-node-test",
      { language: "javascript", framework: "fastify", moduleStyle: "esm", testRunner: "node:test", testCommand: "npm test" },
      ["src/routes/", "test/"],
    ],
    [
      "express-ts-vitest",
      { language: "typescript", framework: "express", moduleStyle: "esm", testRunner: "vitest", testCommand: "npm test" },
      ["docs/", "tsconfig.json", "src/routes/"],
    ],
    [
      "fastapi-pytest",
      { language: "python", framework: "fastapi", moduleStyle: "python", testRunner: "pytest", testCommand: "python3 -m pytest" },
      ["app/", "app/routers/", "requirements.txt", "tests/"],
    ],
  ])("reads %s", async (name, expected, somePaths) => {
    const facts = await detectFacts(fsRepoView(join(FIXTURES_DIR, name)));
    expect(facts).toMatchObject(expected);
    expect(facts.paths).toEqual(expect.arrayContaining(somePaths));
    expect(facts.paths).not.toContain("node_modules/");
  });

  it.each<[string, Record<string, string>, Partial<RepositoryFacts>]>([
    [
      "CommonJS from require() without a type field",
      { "package.json": '{"dependencies":{"fastify":"5"}}', "index.js": "const f = require('fastify')\nmodule.exports = f" },
      { framework: "fastify", moduleStyle: "commonjs", language: "javascript", testRunner: "unknown", testCommand: undefined },
    ],
    [
      "ESM from import syntax and the framework from sources",
      { "package.json": "{}", "app.mjs": "import express from 'express'\nexport default express()" },
      { framework: "express", moduleStyle: "esm" },
    ],
    [
      "TypeScript from .ts sources, CommonJS without type: module",
      { "package.json": '{"scripts":{"test":"mocha"}}', "src/a.ts": "import x from 'y'" },
      { language: "typescript", moduleStyle: "commonjs", testRunner: "mocha", testCommand: "npm test" },
    ],
    [
      "node:test from the test script, yarn from the lockfile",
      { "package.json": '{"type":"module","scripts":{"test":"node --test test/"}}', "yarn.lock": "" },
      { testRunner: "node:test", testCommand: "yarn test", moduleStyle: "esm", packageManager: "yarn" },
    ],
    [
      "pnpm from the lockfile, so its test command is pnpm's",
      { "package.json": '{"scripts":{"test":"jest"}}', "pnpm-lock.yaml": "" },
      { testCommand: "pnpm test", packageManager: "pnpm" },
    ],
    [
      "bun from packageManager, which runs the script with bun run",
      { "package.json": '{"packageManager":"bun@1.2.0","scripts":{"test":"vitest run"}}' },
      { testCommand: "bun run test", packageManager: "bun" },
    ],
    [
      "the npm placeholder test script is no test command",
      { "package.json": '{"scripts":{"test":"echo \\"Error: no test specified\\" && exit 1"},"devDependencies":{"tap":"1"}}' },
      { testRunner: "tap", testCommand: undefined },
    ],
    [
      "FastAPI from imports, pytest from test files",
      { "main.py": "from fastapi import FastAPI\napp = FastAPI()", "test_main.py": "def test_x(): pass" },
      { language: "python", framework: "fastapi", testRunner: "pytest", testCommand: "python3 -m pytest" },
    ],
    [
      "an unreadable package.json reads as absent",
      { "package.json": "{not json", "README.md": "# x" },
      { language: "unknown", framework: "unknown", moduleStyle: "unknown" },
    ],
    [
      "an empty repository",
      {},
      { language: "unknown", framework: "unknown", testRunner: "unknown", paths: [] },
    ],
  ])("detects %s", async (_what, files, expected) => {
    expect(await detectFacts(memoryRepo(files))).toMatchObject(expected);
  });
});
