import { describe, expect, it } from "vitest";
import { defaultRepoConfig, formatPath, parseRepoConfig } from "../../src/archon/parse-repo-config.js";

describe("parseRepoConfig", () => {
  it.each([
    ["undefined", undefined],
    ["null (an empty file)", null],
    ["an empty mapping", {}],
  ])("gives the defaults for %s", (_name, input) => {
    expect(parseRepoConfig(input)).toEqual({
      ok: true,
      config: {
        label: "archon",
        requireApproval: true,
        paths: { allowed: [], forbidden: [] },
        maxFixAttempts: 3,
        draft: true,
        reviewers: { users: [], teams: [] },
        testTimeoutSeconds: 600,
      },
    });
  });

  it("reads every field", () => {
    const input = {
      label: "bot",
      requireApproval: false,
      paths: { allowed: ["src/**", "test/**"], forbidden: ["src/secrets/**"] },
      testCommand: "npm test",
      maxFixAttempts: 1,
      draft: false,
      reviewers: { users: ["octocat"], teams: ["my-org/backend"] },
      provider: "openai",
      model: "gpt-4o-mini",
      budgetUsd: 2.5,
      testTimeoutSeconds: 120,
    };
    expect(parseRepoConfig(input)).toEqual({ ok: true, config: input });
  });

  it.each([
    [{ paths: { allowed: ["src/**", 3] } }, "paths.allowed[1]", /expected string/],
    [{ paths: { forbidden: ["../outside"] } }, "paths.forbidden[0]", /relative to the repository root/],
    [{ paths: { allowed: ["/etc/**"] } }, "paths.allowed[0]", /relative/],
    [{ require_approval: false }, "require_approval", /did you mean `requireApproval`/],
    [{ colour: "red" }, "colour", /^unknown key$/],
    [{ paths: { alowed: [] } }, "paths.alowed", /unknown key/],
    [{ maxFixAttempts: 2.5 }, "maxFixAttempts", /int/],
    [{ maxFixAttempts: 50 }, "maxFixAttempts", /10/],
    [{ provider: "anthropic" }, "provider", /template|openai/],
    [{ reviewers: { users: ["not a login"] } }, "reviewers.users[0]", /GitHub user name/],
    [{ budgetUsd: -1 }, "budgetUsd", />0/],
    [{ requireApproval: "yes" }, "requireApproval", /boolean/],
    ["just text", "", /mapping/],
    [[1, 2], "", /mapping/],
  ])("reports %j at %s", (input, path, message) => {
    const result = parseRepoConfig(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it("reports every problem at once", () => {
    const result = parseRepoConfig({ draft: "no", maxFixAttempts: -1, reviewers: { teams: [""] } });
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual([
      "maxFixAttempts",
      "draft",
      "reviewers.teams[0]",
    ]);
  });

  it("gives defaults without a file", () => {
    expect(defaultRepoConfig().maxFixAttempts).toBe(3);
  });
});

describe("formatPath", () => {
  it.each([
    [[], ""],
    [["label"], "label"],
    [["paths", "allowed", 1], "paths.allowed[1]"],
    [[0, "x"], "[0].x"],
  ])("%j → %s", (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});
