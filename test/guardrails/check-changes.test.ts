import { describe, expect, it } from "vitest";
import type { FileChange } from "../../src/domain/forge.js";
import { checkChanges, DEFAULT_LIMITS, type ViolationRule } from "../../src/guardrails/index.js";

function create(path: string, content = "x"): FileChange {
  return { action: "create", path, content };
}

function rulesBroken(changes: FileChange[], rules = {}): ViolationRule[] {
  const result = checkChanges(changes, rules);
  return result.ok ? [] : result.violations.map((v) => v.rule);
}

describe("checkChanges", () => {
  it.each([
    ["src/routes/todos.js", "src/routes/todos.js"],
    ["./src//app.ts", "src/app.ts"],
    ["docs/api/books.md", "docs/api/books.md"],
    [".github/ISSUE_TEMPLATE/bug.md", ".github/ISSUE_TEMPLATE/bug.md"],
    ["docs/env.md", "docs/env.md"],
    ["src/routes/credentials-form.js", "src/routes/credentials-form.js"],
  ])("accepts %s as %s", (path, normalised) => {
    const result = checkChanges([create(path)]);
    expect(result).toEqual({ ok: true, changes: [create(normalised)] });
  });

  it.each<[string, ViolationRule]>([
    ["../outside.js", "invalid-path"],
    ["src/../../etc/passwd", "invalid-path"],
    ["/etc/passwd", "invalid-path"],
    ["C:/Windows/win.ini", "invalid-path"],
    ["src\\app.js", "invalid-path"],
    ["src/app.js\0.md", "invalid-path"],
    ["~/.bashrc", "invalid-path"],
    ["", "invalid-path"],
    ["src/", "invalid-path"],
    [".github/workflows/ci.yml", "protected-path"],
    ["./.github/workflows/release.yaml", "protected-path"],
    [".GitHub/Workflows/ci.yml", "protected-path"],
    [".git/config", "protected-path"],
    ["sub/.git/hooks/pre-commit", "protected-path"],
    [".github/archon.yml", "protected-path"],
    [".env", "protected-path"],
    [".env.production", "protected-path"],
    ["config/.env.example", "protected-path"],
    ["config/server.pem", "protected-path"],
    ["certs/tls.key", "protected-path"],
    ["id_rsa", "protected-path"],
    ["home/.ssh/id_ed25519.pub", "protected-path"],
    [".npmrc", "protected-path"],
    ["packages/a/.npmrc", "protected-path"],
    ["credentials.json", "protected-path"],
    [".aws/credentials", "protected-path"],
  ])("rejects %j (%s)", (path, rule) => {
    expect(rulesBroken([create(path)])).toEqual([rule]);
  });

  it("rejects deleting a protected file too", () => {
    expect(rulesBroken([{ action: "delete", path: ".github/workflows/ci.yml" }])).toEqual(["protected-path"]);
  });

  it.each<[string, { allowed?: string[]; forbidden?: string[] }, ViolationRule[]]>([
    ["src/app.js", { allowed: ["src/**"] }, []],
    ["README.md", { allowed: ["src/**"] }, ["not-allowed"]],
    ["src/legacy/old.js", { forbidden: ["src/legacy/**"] }, ["forbidden"]],
    ["src/legacy/old.js", { allowed: ["src/**"], forbidden: ["src/legacy/**"] }, ["forbidden"]],
    ["docs/.hidden.md", { allowed: ["docs/**"] }, []],
    ["src/app.js", { allowed: ["**/*.js"] }, []],
  ])("honours the repository's path globs: %s with %j", (path, rules, expected) => {
    expect(rulesBroken([create(path)], rules)).toEqual(expected);
  });

  it("never lets allowed globs open protected paths", () => {
    expect(rulesBroken([create(".github/workflows/ci.yml")], { allowed: [".github/**"] })).toEqual(["protected-path"]);
  });

  it("rejects a file over the per-file limit and counts bytes, not characters", () => {
    expect(rulesBroken([create("a.txt", "é".repeat(6))], { maxFileBytes: 11 })).toEqual(["file-too-large"]);
    expect(rulesBroken([create("a.txt", "é".repeat(5))], { maxFileBytes: 10 })).toEqual([]);
  });

  it("rejects oversize output in total", () => {
    const changes = [create("a.js", "a".repeat(600)), create("b.js", "b".repeat(600))];
    expect(rulesBroken(changes, { maxTotalBytes: 1000 })).toEqual(["too-large"]);
  });

  it("rejects too many files", () => {
    const changes = Array.from({ length: DEFAULT_LIMITS.maxFiles + 1 }, (_, i) => create(`src/f${i}.js`));
    expect(rulesBroken(changes)).toEqual(["too-many-files"]);
  });

  it("rejects the same file twice under two spellings", () => {
    expect(rulesBroken([create("src/a.js"), create("./src/a.js")])).toEqual(["duplicate-path"]);
  });

  it("reports every broken rule with the path in plain words", () => {
    const result = checkChanges([create("src/ok.js"), create("../x.js"), create(".github/workflows/ci.yml")]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violations).toEqual([
      { rule: "invalid-path", path: "../x.js", message: "`../x.js` contains `..` and could leave the repository." },
      {
        rule: "protected-path",
        path: ".github/workflows/ci.yml",
        message: "`.github/workflows/ci.yml` is off limits: workflow files run with the repository's secrets and are never written by Archon.",
      },
    ]);
  });

  it("exports sane default limits", () => {
    expect(DEFAULT_LIMITS.maxFiles).toBeGreaterThan(0);
    expect(DEFAULT_LIMITS.maxFileBytes).toBeLessThanOrEqual(DEFAULT_LIMITS.maxTotalBytes);
  });
});
