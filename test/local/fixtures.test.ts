import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/connect.js";
import { createTemplateProvider } from "../../src/llm/template/template-provider.js";
import { runLocalTask } from "../../src/local/run-local-task.js";
import { testDatabases } from "../support/databases.js";
import { checkoutState, exampleRepo, git } from "./example-repo.js";

const [backend] = testDatabases();
const SLOW = 600_000;

describe(`runLocalTask on the fixture repositories (${backend!.name})`, () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await backend!.open();
  }, SLOW);
  afterAll(async () => {
    await handle?.close();
  });

  it.each([["test/fixtures/express-jest"], ["test/fixtures/fastify-node-test"], ["test/fixtures/express-ts-vitest"]])(
    "adds an endpoint to %s on one commit and its tests pass",
    async (fixture) => {
      const { dir, remove } = exampleRepo({}, fixture);
      try {
        const before = checkoutState(dir);
        const report = await runLocalTask(
          { repoPath: dir, spec: { title: "Add GET /todos/:id returning the todo or 404", description: "", acceptanceCriteria: [], areas: [] } },
          { db: handle.db, provider: createTemplateProvider(), approve: async () => true },
        );
        expect(report.message).toContain("The tests pass");
        expect(report).toMatchObject({ outcome: "passed", status: "ready_for_review" });
        expect(git(dir, "rev-list", "--count", `main..${report.branch}`)).toBe("1");
        expect(report.tests.runs[0]!.passed).toBeGreaterThan(report.tests.base!.passed);
        expect(checkoutState(dir)).toEqual(before);
      } finally {
        remove();
      }
    },
    SLOW,
  );
});
