import { describe, expect, it } from "vitest";
import { renderConfigProblems } from "../../src/render/config-problems.js";

describe("renderConfigProblems", () => {
  it("names one problem", () => {
    expect(renderConfigProblems([{ path: "", message: "expected a mapping of settings (key: value)" }]))
      .toMatchInlineSnapshot(`
      "**\`.github/archon.yml\` has a problem**, so Archon is waiting until it is fixed:

      - the file: expected a mapping of settings (key: value)

      Fix the file on the default branch, then comment \`/archon plan\`."
    `);
  });
});
