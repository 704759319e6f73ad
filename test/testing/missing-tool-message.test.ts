import { describe, expect, it } from "vitest";
import { installAdvice, missingToolMessage } from "../../src/testing/missing-tool-message.js";

describe("installAdvice", () => {
  it.each<[string, "npm" | "pnpm" | "yarn" | "bun" | undefined, string]>([
    ["pnpm", "pnpm", "install it (e.g. `npm install -g pnpm` or `corepack enable pnpm`)"],
    ["yarn", undefined, "install it (e.g. `npm install -g yarn` or `corepack enable yarn`)"],
    ["pytest", undefined, "install it (e.g. `python3 -m pip install pytest`)"],
    ["jest", "npm", "install it, or the repository's dependencies (`npm install`) if it is one of them"],
    ["make", undefined, "install it"],
  ])("%s (%s)", (program, packageManager, expected) => {
    expect(installAdvice(program, packageManager)).toBe(expected);
  });
});

describe("missingToolMessage", () => {
  it("names the program, how to install it and what to run, with no word of failing tests", () => {
    const message = missingToolMessage({ program: "pnpm", command: "pnpm test", branch: "archon/task-3", packageManager: "pnpm" });
    expect(message).toBe(
      "`pnpm` is not installed on this machine, so the tests could not run: install it (e.g. `npm install -g pnpm` or `corepack enable pnpm`), then run `pnpm test` on archon/task-3.",
    );
  });

  it("says the base commit's tests ran when only the branch lacked the program", () => {
    const message = missingToolMessage({ program: "tsx", command: "npm test", branch: "archon/task-3", packageManager: "npm", baseSummary: "4 passed, 0 failed" });
    expect(message).toBe(
      "The tests ran on the base commit (4 passed, 0 failed), but on archon/task-3 `tsx` was not found, so they could not run: install it, or the repository's dependencies (`npm install`) if it is one of them, then run `npm test` on archon/task-3, or check whether the change calls a program this machine lacks.",
    );
  });
});
