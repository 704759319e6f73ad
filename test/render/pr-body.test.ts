import { describe, expect, it } from "vitest";
import { findMarkedTask } from "../../src/render/marker.js";
import { type PrBodyInput, renderPrBody } from "../../src/render/pr-body.js";

const INPUT: PrBodyInput = {
  taskId: "42",
  issueNumber: 12,
  title: "Add GET /health",
  summary:
    "An endpoint change in this Express TypeScript repository. Files expected to change: `src/routes/health.ts`.",
  steps: [
    {
      position: 1,
      title: "Write the code for GET /health",
      agent: "CodeGenerationAgent",
      outcome: "succeeded",
      summary: "Added the route and wired it into the app",
    },
    {
      position: 2,
      title: "Test GET /health",
      agent: "TestingAgent",
      outcome: "succeeded",
      summary: "2 tests with supertest",
    },
    { position: 3, title: "Document GET /health", agent: "DocumentationAgent", outcome: "skipped" },
  ],
  files: [
    { path: "test/health.test.ts", action: "create" },
    { path: "src/routes/health.ts", action: "create" },
    { path: "src/app.ts", action: "modify" },
  ],
  testing: {
    command: "npm test",
    testsAdded: ["GET /health answers 200", "GET /health returns ok"],
    ciUrl: "https://github.com/o/r/runs/1",
    fixAttempts: 1,
  },
  docs: [{ title: "Health endpoint", path: "docs/health.md" }],
};

describe("renderPrBody", () => {
  it("renders summary, plan, files, testing, docs and Closes #N", () => {
    expect(renderPrBody(INPUT)).toMatchInlineSnapshot(`
      "## Add GET /health

      An endpoint change in this Express TypeScript repository. Files expected to change: \`src/routes/health.ts\`.

      ### Plan

      1. **Write the code for GET /health** (CodeGenerationAgent) ✅ done: Added the route and wired it into the app
      2. **Test GET /health** (TestingAgent) ✅ done: 2 tests with supertest
      3. **Document GET /health** (DocumentationAgent) ➖ skipped

      ### Files changed (3)

      - \`src/app.ts\` changed
      - \`src/routes/health.ts\` added
      - \`test/health.test.ts\` added

      ### How it was tested

      CI runs \`npm test\` ([latest run](https://github.com/o/r/runs/1)). Archon made 1 fix round after review or red CI.

      **Tests added (2)**

      - GET /health answers 200
      - GET /health returns ok

      ### Docs added

      - Health endpoint (\`docs/health.md\`)

      Closes #12

      Archon does not approve or merge its own pull requests. Comment \`/archon fix <what>\` to ask for a change.

      <!-- archon:pr task=42 -->
      "
    `);
  });

  it("folds long lists and leaves out empty sections", () => {
    const files = Array.from({ length: 12 }, (_, i) => ({
      path: `src/f${String(i).padStart(2, "0")}.ts`,
      action: "modify" as const,
    }));
    const body = renderPrBody({
      ...INPUT,
      issueNumber: null,
      files,
      docs: [],
      testing: { testsAdded: [], fixAttempts: 0 },
    });
    expect(body).toMatchInlineSnapshot(`
      "## Add GET /health

      An endpoint change in this Express TypeScript repository. Files expected to change: \`src/routes/health.ts\`.

      ### Plan

      1. **Write the code for GET /health** (CodeGenerationAgent) ✅ done: Added the route and wired it into the app
      2. **Test GET /health** (TestingAgent) ✅ done: 2 tests with supertest
      3. **Document GET /health** (DocumentationAgent) ➖ skipped

      <details>
      <summary>Files changed (12)</summary>

      - \`src/f00.ts\` changed
      - \`src/f01.ts\` changed
      - \`src/f02.ts\` changed
      - \`src/f03.ts\` changed
      - \`src/f04.ts\` changed
      - \`src/f05.ts\` changed
      - \`src/f06.ts\` changed
      - \`src/f07.ts\` changed
      - \`src/f08.ts\` changed
      - \`src/f09.ts\` changed
      - \`src/f10.ts\` changed
      - \`src/f11.ts\` changed

      </details>

      ### How it was tested

      CI runs the repository's tests.

      No tests were added.

      Archon does not approve or merge its own pull requests. Comment \`/archon fix <what>\` to ask for a change.

      <!-- archon:pr task=42 -->
      "
    `);
  });

  it("stays under GitHub's limit and keeps the marker and Closes line", () => {
    const steps = Array.from({ length: 400 }, (_, i) => ({
      ...INPUT.steps[0]!,
      position: i + 1,
      summary: "x".repeat(200),
    }));
    const body = renderPrBody({ ...INPUT, steps });
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain("Closes #12");
    expect(findMarkedTask(body, "pr")).toBe("42");
  });
});
