import { describe, expect, it } from "vitest";
import { missingProgramInOutput } from "../../src/testing/missing-program-in-output.js";

describe("missingProgramInOutput", () => {
  it.each<[string, number | null, string, string | undefined]>([
    ["dash", 127, "sh: 1: pnpm: not found\n", "pnpm"],
    ["dash through npm", 127, "\n> test\n> archon-missing-tool-xyz run\n\nsh: 1: archon-missing-tool-xyz: not found\n", "archon-missing-tool-xyz"],
    ["bash", 127, "bash: line 1: yarn: command not found\n", "yarn"],
    ["sh by path", 127, "/bin/sh: jest: not found\n", "jest"],
    ["env", 127, "env: ‘bun’: No such file or directory\n", "bun"],
    ["zsh", 127, "zsh: command not found: pnpm\n", "pnpm"],
    ["a pyenv shim", 127, "pyenv: pytest: command not found\n\nThe `pytest' command exists in these Python versions:\n  3.11.9\n", "pytest"],
    ["yarn 1 passing the script's 127 on as 1", 1, "/bin/sh: 1: mocha: not found\nerror Command failed with exit code 127.\n", "mocha"],
    ["python3 without pytest", 1, "/usr/bin/python3: No module named pytest\n", "pytest"],
    ["a test that fails to import", 2, "E   ModuleNotFoundError: No module named 'app'\n1 error in 0.1s\n", undefined],
    ["failing tests that print a shell's complaint", 1, "sh: 1: foo: not found\n1 failed\n", undefined],
    ["a passing run", 0, "sh: 1: foo: not found\n", undefined],
    ["a killed run", null, "", undefined],
    ["127 without a name", 127, "something else\n", undefined],
  ])("%s", (_name, exitCode, output, expected) => {
    expect(missingProgramInOutput(exitCode, output)).toBe(expected);
  });
});
