import { describe, expect, it } from "vitest";
import { parseRepoConfig } from "../../src/archon/parse-repo-config.js";

describe(".github/archon.yml commands and agentMode", () => {
  it("reads a map of named commands and the agent mode; both are optional", () => {
    const result = parseRepoConfig({ commands: { lint: "npm run lint", "type-check": "npx tsc --noEmit" }, agentMode: "single-shot" });
    expect(result).toMatchObject({ ok: true, config: { commands: { lint: "npm run lint", "type-check": "npx tsc --noEmit" }, agentMode: "single-shot" } });
    const defaults = parseRepoConfig({});
    expect(defaults.ok && "commands" in defaults.config).toBe(false);
    expect(defaults.ok && "agentMode" in defaults.config).toBe(false);
  });

  it.each([
    [{ commands: { "rm -rf": "rm -rf /" } }, /command name of letters, digits/],
    [{ commands: { lint: "" } }, /expected a command line, e\.g\. npm run lint/],
    [{ commands: ["npm run lint"] }, /./],
    [{ agentMode: "agent" }, /expected "loop" or "single-shot"/],
  ])("refuses %j with a clear message", (input, message) => {
    const result = parseRepoConfig(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.message).join("\n")).toMatch(message);
  });
});
