import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Env } from "../src/config/schema.js";
import { RepoConfig } from "../src/archon/repo-config.schema.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("README", () => {
  it.each(Object.keys(Env.shape))("documents the environment variable %s", (name) => {
    expect(readme).toContain(`| \`${name}\` |`);
  });

  it.each(Object.keys(RepoConfig.shape))("documents the .github/archon.yml key %s", (key) => {
    expect(readme).toMatch(new RegExp(`\\| \`${key}(\\.|\`)`));
  });
});
