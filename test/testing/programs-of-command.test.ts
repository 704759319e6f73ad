import { describe, expect, it } from "vitest";
import { PYTEST_COMMAND } from "../../src/testing/choose-test-command.js";
import { findMissingProgram } from "../../src/testing/find-missing-program.js";
import { programsOfCommand } from "../../src/testing/programs-of-command.js";

describe("programsOfCommand", () => {
  it.each<[string, string[] | undefined]>([
    ["pnpm test", ["pnpm"]],
    ["npm test", ["npm"]],
    ["npx vitest run", ["npx"]],
    ["python3 -m pytest", ["python3"]],
    ["CI=1 pnpm test", ["pnpm"]],
    [`FOO='a b' BAR="c d" HOME=$HOME yarn test`, ["yarn"]],
    ["env CI=1 bun run test", ["bun"]],
    ["env -u TZ bun run test", undefined],
    ["cd app && pytest -q", ["pytest"]],
    ["export CI=1; npm test", ["npm"]],
    ["pnpm test || npm test", ["pnpm", "npm"]],
    ["npm run build && npm test", ["npm"]],
    ["make test 2>&1 | tee test.log", ["make"]],
    ["jest --coverage > out.txt", ["jest"]],
    ['pytest -k "$PATTERN"', ["pytest"]],
    [PYTEST_COMMAND, ["pytest", "python3"]],
    ["./scripts/test.sh", undefined],
    ["/usr/bin/python3 -m pytest", undefined],
    ["$RUNNER test", undefined],
    ["(cd app; pytest)", undefined],
    ["for d in a b; do (cd $d && npm test); done", undefined],
    ["$(npm bin)/jest", undefined],
    ["true", undefined],
    ["", undefined],
    ["echo 'unclosed", undefined],
  ])("%j needs %j", (command, expected) => {
    expect(programsOfCommand(command)).toEqual(expected);
  });
});

describe("findMissingProgram", () => {
  const only = (...installed: string[]) => (program: string) => installed.includes(program);

  it.each<[string, string[], string | undefined]>([
    ["pnpm test", ["npm", "node"], "pnpm"],
    ["pnpm test", ["pnpm"], undefined],
    ["CI=1 yarn test", [], "yarn"],
    [PYTEST_COMMAND, ["python3"], undefined],
    [PYTEST_COMMAND, ["pytest"], undefined],
    [PYTEST_COMMAND, [], "pytest"],
    ["pnpm test || npm test", ["npm"], undefined],
    ["./scripts/test.sh", [], undefined],
  ])("%j with %j installed: %j", (command, installed, missing) => {
    expect(findMissingProgram(command, only(...installed))).toBe(missing);
  });

  it("looks on the real PATH by default", () => {
    expect(findMissingProgram("node --test")).toBeUndefined();
    expect(findMissingProgram("archon-missing-tool-xyz run")).toBe("archon-missing-tool-xyz");
  });
});
