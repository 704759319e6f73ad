import { join } from "node:path";
import { Env } from "../src/config/schema.js";
import type { BenchContext } from "./lib/context.js";
import { ms } from "./lib/format.js";
import { type Row, type SuiteResult } from "./lib/result.js";
import { summarise } from "./lib/stats.js";
import { testDatabases } from "../test/support/databases.js";
import { FIXTURES_DIR } from "../test/support/fs-repo-view.js";
import { readFixtureFiles } from "../test/support/github-fake-git.js";
import { type Harness, openHarness, warmUp } from "../test/support/github-harness.js";
import { issuesPayload } from "../test/support/webhook-payloads.js";

const MAINTAINER = { login: "Codertocat" };
const FIXTURES: { name: string; title: string }[] = [
  { name: "express-jest", title: "Add GET /todos/:id returning the todo or 404" },
  { name: "express-ts-vitest", title: "Add DELETE /todos/:id" },
  { name: "fastify-node-test", title: "Add DELETE /todos/:id" },
  { name: "fastapi-pytest", title: "Add DELETE /todos/:id" },
];
// Each run is a repository's first task and a later one: 10 of each per fixture.
const RUNS = 10;
// The status comment's edits coalesce as a production worker's do.
const STATUS_COALESCE_MS = Env.shape.ARCHON_STATUS_COALESCE_MS.parse(undefined);
const GIVE_UP_MS = 30_000;

interface TaskRun {
  prOpened: boolean;
  status: string | undefined;
  wallMs: number;
  /** CPU of this process from the delivery to the pull request: Archon plus the in-process fake GitHub. */
  cpuMs: number;
  requests: number;
  writes: number;
  filesChanged: number;
  /** Requests per endpoint (ids and shas folded), most first: where the budget goes. */
  byEndpoint: Record<string, number>;
}

interface Sent {
  method: string;
  path: string;
  body: unknown;
}

/** GraphQL reads (file contents by blob sha) are POSTs too; only its mutations write. */
function isWrite(r: Sent): boolean {
  if (r.method === "GET") return false;
  if (r.path !== "/graphql") return true;
  return /^\s*mutation\b/.test((r.body as { query?: string } | null)?.query ?? "");
}

function byEndpoint(requests: readonly Sent[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const r of requests) {
    const path = r.path.replace(/^\/repos\/[^/]+\/[^/]+/, "").replace(/\/[0-9a-f]{40}/g, "/:sha").replace(/\/\d+/g, "/:n");
    const key = `${r.method} ${path}${r.path === "/graphql" ? (isWrite(r) ? " (mutation)" : " (query)") : ""}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
}

/** One issue labeled, timed to its draft pull request; counts only the requests it caused. */
async function oneTask(h: Harness, title: string, number: number): Promise<TaskRun> {
  const before = h.github.requests.length;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await h.deliver("issues", issuesPayload("labeled", { number, title, body: "" }, MAINTAINER, "archon"));
  const drained = h.drain();
  let task: { status: string; pr_number: unknown } | undefined;
  // Stop the clock when the pull request exists, not when the drain notices the queue is quiet.
  const failed = drained.then(
    () => undefined,
    (error: unknown) => error,
  );
  while (performance.now() - started < GIVE_UP_MS) {
    task = await h.db.selectFrom("tasks").select(["status", "pr_number"]).where("issue_number", "=", number).executeTakeFirst();
    if (task?.pr_number != null) break;
    const settled = await Promise.race([failed.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 2))]);
    if (settled) {
      task = await h.db.selectFrom("tasks").select(["status", "pr_number"]).where("issue_number", "=", number).executeTakeFirst();
      break;
    }
  }
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const error = await failed;
  if (error) throw error;
  const requests = h.github.requests.slice(before);
  const tree = requests.find((r) => r.method === "POST" && r.path.endsWith("/git/trees"))?.body as { tree?: unknown[] } | undefined;
  return {
    prOpened: task?.pr_number != null,
    status: task?.status,
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    requests: requests.length,
    writes: requests.filter(isWrite).length,
    filesChanged: tree?.tree?.length ?? 0,
    byEndpoint: byEndpoint(requests),
  };
}

/**
 * Label → draft pull request on each fixture repository through the template provider: the real
 * intake, worker and job handlers, GitHub answered by the in-memory fake behind nock (the same one
 * the integration tests use), on the real PostgreSQL and Redis when they answer.
 */
export async function benchPipeline(ctx: BenchContext): Promise<SuiteResult> {
  const saved = { db: process.env.TEST_DATABASE_URL, redis: process.env.TEST_REDIS_URL };
  if (ctx.services.databaseUrl) process.env.TEST_DATABASE_URL = ctx.services.databaseUrl;
  const backend = testDatabases().at(-1)!;
  const queue = ctx.services.redisUrl ? "redis" : "memory";
  if (ctx.services.redisUrl) process.env.TEST_REDIS_URL = ctx.services.redisUrl;
  try {
    await warmUp(backend);
    const perFixture: Record<string, TaskRun[]> = {};
    const laterPerFixture: Record<string, TaskRun[]> = {};
    for (const fixture of FIXTURES) {
      const files = await readFixtureFiles(join(FIXTURES_DIR, fixture.name));
      files.set(".github/archon.yml", "requireApproval: false\n");
      perFixture[fixture.name] = [];
      laterPerFixture[fixture.name] = [];
      // The first task also pays for compiling the code paths; it is run and not counted.
      for (let i = fixture === FIXTURES[0] ? -1 : 0; i < RUNS; i++) {
        const h = await openHarness(backend, { files, permissions: { [MAINTAINER.login]: "write" }, queue, statusCoalesceMs: STATUS_COALESCE_MS });
        try {
          // A repository's first task styles the status label GitHub created for it; a later
          // task, on the same worker, finds it styled.
          const first = await oneTask(h, fixture.title, 7);
          const later = await oneTask(h, fixture.title, 8);
          if (i >= 0) {
            perFixture[fixture.name]!.push(first);
            laterPerFixture[fixture.name]!.push(later);
          }
        } finally {
          await h.close();
        }
      }
    }
    const rows: Row[] = Object.entries(perFixture).map(([name, runs]) => {
      // Every task of the fixture, first and later: the time a task takes whatever it pays.
      const all = [...runs, ...laterPerFixture[name]!];
      const wall = summarise(all.map((r) => r.wallMs));
      const cpu = summarise(all.map((r) => r.cpuMs));
      const last = runs.at(-1)!;
      const later = laterPerFixture[name]!.at(-1)!;
      const outcome = last.prOpened && later.prOpened ? `${last.filesChanged} files` : `no PR (${last.status ?? "no task"}, then ${later.status ?? "no task"})`;
      return {
        metric: `${name}: label → draft PR`,
        archon: `${outcome}, ${last.requests} requests (${last.writes} writes) for a repository's first task, ${later.requests} (${later.writes}) later; wall p50/p95/p99 ${ms(wall.median)}/${ms(wall.p95)}/${ms(wall.p99)}, CPU ${ms(cpu.median)}/${ms(cpu.p95)}/${ms(cpu.p99)}`,
        target: "≤ 12 requests for ≤ 5 files, < 1 s own time",
      };
    });
    return {
      name: "pipeline",
      status: "ok",
      rows,
      data: { database: backend.name, queue, runsPerFixture: RUNS, perFixture, laterPerFixture },
    };
  } finally {
    for (const [key, value] of [["TEST_DATABASE_URL", saved.db], ["TEST_REDIS_URL", saved.redis]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
