import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/connect.js";
import { LocalForgeError } from "../../src/forge/local/errors.js";
import { createTemplateProvider } from "../../src/llm/template/template-provider.js";
import type { LocalProgress } from "../../src/local/local-report.js";
import { runLocalTask } from "../../src/local/run-local-task.js";
import { testDatabases } from "../support/databases.js";
import { checkoutState, exampleRepo, git } from "./example-repo.js";

// Generous: the repository's tests run for real, on machines that may be busy.
const SLOW = 600_000;
const spec = (title: string) => ({ title, description: "", acceptanceCriteria: [], areas: [] });
const approve = async () => true;

describe.each(testDatabases())("runLocalTask on $name", (backend) => {
  let handle: DatabaseHandle;
  const cleanups: (() => void)[] = [];
  beforeAll(async () => {
    handle = await backend.open();
  }, SLOW);
  afterAll(async () => {
    await handle?.close();
  });
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  function repo(extra?: Record<string, string>) {
    const r = exampleRepo(extra);
    cleanups.push(r.remove);
    return r.dir;
  }

  it(
    "commits code, tests and docs on archon/task-<id>, the tests pass, the checkout is untouched and the database holds it all",
    async () => {
      const dir = repo();
      // The person's own uncommitted work must survive.
      git(dir, "checkout", "-q", "-b", "feature");
      await import("node:fs").then((fs) => fs.writeFileSync(`${dir}/scratch.txt`, "mine\n"));
      const before = checkoutState(dir);
      const events: LocalProgress[] = [];
      const report = await runLocalTask(
        { repoPath: dir, spec: spec("Add GET /todos/:id returning the todo or 404") },
        { db: handle.db, provider: createTemplateProvider(), approve, progress: (e) => events.push(e) },
      );
      expect(report).toMatchObject({ outcome: "passed", status: "ready_for_review", base: { branch: "feature", sha: before.head } });
      expect(checkoutState(dir)).toEqual(before);

      const branch = `archon/task-${report.taskId}`;
      expect(report.branch).toBe(branch);
      expect(git(dir, "rev-list", "--count", `${before.head}..${branch}`)).toBe("1");
      expect(report.commits).toEqual([git(dir, "rev-parse", branch)]);
      const paths = report.files.map((f) => f.path);
      expect(paths).toContain("src/routes/todos.js");
      expect(paths.some((p) => /^test\/.*\.test\.js$/.test(p))).toBe(true);
      expect(paths.some((p) => p.endsWith(".md"))).toBe(true);
      expect(git(dir, "diff", "--name-only", `${before.head}...${branch}`).split("\n").sort()).toEqual([...paths].sort());
      expect(report.tests.base).toMatchObject({ status: "passed", passed: 3 });
      expect(report.tests.runs).toHaveLength(1);
      expect(report.tests.runs[0]!.status).toBe("passed");
      expect(report.tests.runs[0]!.passed).toBeGreaterThan(3);
      expect(report.diffCommand).toContain(`...${branch}`);
      expect(events.filter((e) => e.kind === "step_finished")).toHaveLength(3);

      const db = handle.db;
      const task = await db.selectFrom("tasks").selectAll().where("id", "=", report.taskId).executeTakeFirstOrThrow();
      expect(task).toMatchObject({ source: "cli", status: "ready_for_review", branch, head_sha: report.commits[0] });
      // pg returns bigint columns as text, PGlite as numbers.
      expect(String(task.installation_id)).toBe("0");
      const steps = await db.selectFrom("plan_steps").innerJoin("plans", "plans.id", "plan_steps.plan_id").select(["plan_steps.agent", "plan_steps.status"]).where("plans.task_id", "=", report.taskId).orderBy("position").execute();
      expect(steps).toEqual([
        { agent: "CodeGenerationAgent", status: "succeeded" },
        { agent: "TestingAgent", status: "succeeded" },
        { agent: "DocumentationAgent", status: "succeeded" },
      ]);
      const runs = await db.selectFrom("agent_runs").select(["agent", "outcome", "provider"]).where("task_id", "=", report.taskId).orderBy("id").execute();
      expect(runs.map((r) => `${r.agent}:${r.outcome}:${r.provider}`)).toEqual([
        "CodeGenerationAgent:succeeded:template",
        "TestingAgent:succeeded:template",
        "DocumentationAgent:succeeded:template",
      ]);
      const ci = await db.selectFrom("ci_results").select(["source", "conclusion", "head_sha"]).where("task_id", "=", report.taskId).orderBy("id").execute();
      expect(ci).toEqual([
        { source: "local", conclusion: "success", head_sha: before.head },
        { source: "local", conclusion: "success", head_sha: report.commits[0] },
      ]);
      const docs = await db.selectFrom("documents").selectAll().where("source_task_id", "=", report.taskId).execute();
      expect(docs.length).toBeGreaterThan(0);
      expect(docs[0]).toMatchObject({ kind: "doc" });
      expect(String(docs[0]!.installation_id)).toBe("0");
      expect(report.documents.map((d) => d.id)).toEqual(docs.map((d) => String(d.id)));
    },
    SLOW,
  );

  it("refuses a folder that is not a git repository before recording anything", async () => {
    const { mkdtempSync } = await import("node:fs");
    const plain = mkdtempSync(`${(await import("node:os")).tmpdir()}/archon-plain-`);
    cleanups.push(() => import("node:fs").then((fs) => fs.rmSync(plain, { recursive: true, force: true })));
    const before = await handle.db.selectFrom("tasks").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    await expect(runLocalTask({ repoPath: plain, spec: spec("Add GET /todos/:id") }, { db: handle.db, provider: createTemplateProvider(), approve })).rejects.toBeInstanceOf(LocalForgeError);
    const after = await handle.db.selectFrom("tasks").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("says plainly when the template provider cannot do the task, and writes nothing", async () => {
    const dir = repo();
    const before = checkoutState(dir);
    const report = await runLocalTask({ repoPath: dir, spec: spec("Make the whole app faster") }, { db: handle.db, provider: createTemplateProvider(), approve });
    expect(report).toMatchObject({ outcome: "unsupported", status: "failed", commits: [] });
    // One sentence on what is missing, one on what to add to the issue.
    expect(report.message).toMatch(/^The issue names no HTTP endpoint and no collection of items\. Name the endpoint with its method and path, e\.g\. `GET \/health`/);
    expect(git(dir, "branch", "--list", "archon/*")).toBe("");
    expect(checkoutState(dir)).toEqual(before);
  });

  it("refuses to write on a branch of the task's name that someone else made", async () => {
    const dir = repo();
    const next = await handle.db.selectFrom("tasks").select((eb) => eb.fn.max("id").as("id")).executeTakeFirstOrThrow();
    const taskId = Number(next.id ?? 0) + 1;
    git(dir, "branch", `archon/task-${taskId}`);
    const mine = git(dir, "rev-parse", `archon/task-${taskId}`);
    const report = await runLocalTask({ repoPath: dir, spec: spec("Add GET /todos/:id returning the todo or 404") }, { db: handle.db, provider: createTemplateProvider(), approve });
    expect(report).toMatchObject({ outcome: "branch_collision", status: "failed", taskId: String(taskId) });
    expect(report.message).toContain("Archon did not make it");
    expect(git(dir, "rev-parse", `archon/task-${taskId}`)).toBe(mine);
  });

  it("records a declined plan as cancelled without running an agent", async () => {
    const dir = repo();
    const report = await runLocalTask({ repoPath: dir, spec: spec("Add GET /todos/:id returning the todo or 404") }, { db: handle.db, provider: createTemplateProvider(), approve: async () => false });
    expect(report).toMatchObject({ outcome: "declined", status: "cancelled", commits: [] });
    const runs = await handle.db.selectFrom("agent_runs").selectAll().where("task_id", "=", report.taskId).execute();
    expect(runs).toEqual([]);
  });
});
