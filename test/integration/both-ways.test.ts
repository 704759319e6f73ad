import { describe, expect, it } from "vitest";
import { parseIssue } from "../../src/archon/parse-issue.js";
import type { Db } from "../../src/db/database.js";
import { snapshotOf } from "../../src/db/task-state.js";
import { createTemplateProvider } from "../../src/llm/template/template-provider.js";
import { runLocalTask } from "../../src/local/run-local-task.js";
import { exampleRepo } from "../local/example-repo.js";
import { testDatabases } from "../support/databases.js";
import { checkSuitePayload } from "./events.js";
import { MAINTAINER, TASK_TITLE, deadJobs, expressRepo, harnessPerTest, taskWithPullRequest } from "./setup.js";

const SLOW = 600_000;

/** What a task left behind that must not depend on where it ran. */
async function recordOf(db: Db, taskId: string) {
  const task = await db.selectFrom("tasks").selectAll().where("id", "=", taskId).executeTakeFirstOrThrow();
  const snapshot = snapshotOf(task);
  const steps = await db
    .selectFrom("plan_steps")
    .innerJoin("plans", "plans.id", "plan_steps.plan_id")
    .select(["plans.version", "plan_steps.position", "plan_steps.agent", "plan_steps.title", "plan_steps.status", "plan_steps.attempt"])
    .where("plans.task_id", "=", taskId)
    .orderBy("plans.version")
    .orderBy("plan_steps.position")
    .execute();
  const runs = await db.selectFrom("agent_runs").select(["agent", "provider", "attempt", "outcome", "summary", "error"]).where("task_id", "=", taskId).orderBy("id").execute();
  const documents = await db.selectFrom("documents").select(["kind", "title", "path", "body"]).where("source_task_id", "=", taskId).orderBy("id").execute();
  // Steps that do not depend on each other run side by side on GitHub, so their runs are compared in plan order.
  const order = (agent: string) => steps.findIndex((s) => s.agent === agent);
  runs.sort((a, b) => a.attempt - b.attempt || order(a.agent) - order(b.agent));
  return {
    status: task.status,
    snapshot: {
      status: snapshot.status,
      steps: snapshot.steps.map(({ position, agent, title, status, attempt, summary, error }) => ({ position, agent, title, status, attempt, summary, error })),
      fixAttempts: snapshot.fixAttempts,
      attention: snapshot.attention,
      lastError: snapshot.lastError,
    },
    steps,
    runs,
    documents,
  };
}

describe.each(testDatabases())("one task, run on GitHub and with archon run ($name)", (backend) => {
  const openFor = harnessPerTest(backend);

  it(
    "ends with the same statuses, steps, agent runs and knowledge-base rows",
    async () => {
      // On GitHub: labeled, approved by comment, the pull request opened, CI green on its head.
      const h = await openFor({ files: await expressRepo(), permissions: { [MAINTAINER.login]: "write" } });
      const opened = await taskWithPullRequest(h, 7);
      await h.deliver("check_suite", checkSuitePayload({ id: 501, headSha: opened.head_sha, branch: "archon/issue-7", conclusion: "success", prNumber: opened.pr_number }));
      expect(deadJobs(await h.drain())).toEqual([]);
      const onGitHub = await recordOf(h.db, String(opened.id));
      expect(onGitHub.status).toBe("ready_for_review");
      expect(onGitHub.runs.map((r) => `${r.agent}@${r.attempt}:${r.outcome}`)).toEqual(["CodeGenerationAgent@1:succeeded", "TestingAgent@1:succeeded", "DocumentationAgent@1:succeeded"]);
      expect(onGitHub.documents.length).toBeGreaterThan(0);

      // On this machine: the same repository, the same issue, the tests run here for CI.
      const { dir, remove } = exampleRepo({}, "test/fixtures/express-jest");
      try {
        const spec = parseIssue({ title: TASK_TITLE, body: "" });
        const report = await runLocalTask({ repoPath: dir, spec }, { db: h.db, provider: createTemplateProvider(), approve: async () => true });
        expect(report.outcome).toBe("passed");
        expect(await recordOf(h.db, report.taskId)).toEqual(onGitHub);
      } finally {
        remove();
      }
    },
    SLOW,
  );
});
