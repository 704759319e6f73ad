import { generateKeyPairSync, randomUUID } from "node:crypto";
import nock from "nock";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import type { DatabaseHandle } from "../../src/db/connect.js";
import type { Db } from "../../src/db/database.js";
import type { Job } from "../../src/db/job.table.js";
import { createPermissionChecker } from "../../src/github/permissions.js";
import type { Provider } from "../../src/llm/provider.js";
import { createTemplateProvider } from "../../src/llm/template/template-provider.js";
import { createMemoryQueue } from "../../src/queue/memory-queue.js";
import type { Queue } from "../../src/queue/queue.js";
import { type Worker, startWorker } from "../../src/queue/worker.js";
import { archonApp } from "../../src/webhooks/app.js";
import { type Intake, createIntake } from "../../src/webhooks/intake.js";
import type { WorkerDeps } from "../../src/worker/deps.js";
import { ARCHON_BOT, jobHandlersFor } from "../../src/worker/job-handlers.js";
import { withTaskForges } from "../../src/worker/task-forges.js";
import { openRedisQueue } from "../queue/queues.js";
import type { TestDatabaseBackend } from "./databases.js";
import { type FakeGitHub, type FakeGitHubOptions, createFakeGitHub } from "./github-fake.js";

// Generating an RSA key takes a while; one per test file is plenty for a Probot that never signs.
let privateKey: string | undefined;
function appKey(): string {
  privateKey ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  return privateKey;
}

const LOCAL = /^(127\.0\.0\.1|localhost)(:\d+)?$/;

const logger = pino({ level: process.env.ARCHON_TEST_LOG ?? "silent" });

/**
 * Pays the one-off costs (PGlite's WASM, the App's key) in a hook with its own time limit, so the
 * tests' limits measure the flows themselves.
 */
export async function warmUp(backend: TestDatabaseBackend): Promise<void> {
  appKey();
  const handle = await backend.open();
  await handle.close();
}

export type QueueKind = "memory" | "redis";

/** The queues a flow runs on: the in-process one always, Redis Streams too when TEST_REDIS_URL is set. */
export function testQueueKinds(): QueueKind[] {
  return process.env.TEST_REDIS_URL ? ["memory", "redis"] : ["memory"];
}

export interface Harness {
  db: Db;
  queue: Queue;
  github: FakeGitHub;
  probot: Probot;
  intake: Intake;
  deps: WorkerDeps;
  /** Hands a delivery to Probot as its webhook middleware would; resolves when it is committed. */
  deliver(name: string, payload: object, id?: string): Promise<string>;
  /** An issue's title and body as the last `issues` delivery about it gave them, for comment payloads. */
  issueText(number: number): { title: string; body: string } | undefined;
  /** Runs the worker until every job row is done or dead; returns the jobs. */
  drain(): Promise<Job[]>;
  jobs(): Promise<Job[]>;
  close(): Promise<void>;
}

export interface HarnessOptions extends Omit<FakeGitHubOptions, "owner" | "repo" | "defaultBranch"> {
  queue?: QueueKind;
  /** The provider every task uses; the built-in template provider unless given. */
  provider?: () => Provider;
  /**
   * Least time between two edits of a status comment: 200 ms unless given, so the flows here
   * coalesce their edits as in production without each waiting out the 2 s default.
   */
  statusCoalesceMs?: number;
}

async function openQueue(kind: QueueKind): Promise<Queue> {
  if (kind === "memory") return createMemoryQueue();
  return openRedisQueue(process.env.TEST_REDIS_URL!);
}

/**
 * The whole GitHub flow in one process: Probot with Archon's app over the intake, the real worker
 * with the real job handlers, a fresh database schema, and a fake GitHub behind nock for every
 * request the worker sends. Nothing reaches the network; anything the fake does not know fails.
 */
export async function openHarness(backend: TestDatabaseBackend, options: HarnessOptions): Promise<Harness> {
  const handle: DatabaseHandle = await backend.open();
  const db = handle.db;
  const queue = await openQueue(options.queue ?? "memory");
  const github = createFakeGitHub({ owner: "Codertocat", repo: "Hello-World", defaultBranch: "master", ...options });
  const noMatch: string[] = [];
  const onNoMatch = (req: { method?: string; path?: string; hostname?: string; options?: { host?: string } }) => {
    const host = req.options?.host ?? req.hostname ?? "";
    // Requests to a local server (the API or MCP under test) go through to it, as allowed below.
    if (LOCAL.test(host)) return;
    noMatch.push(`${req.method ?? "?"} ${host}${req.path ?? ""}`);
  };
  nock.disableNetConnect();
  nock.enableNetConnect(LOCAL);
  nock.emitter.on("no match", onNoMatch);
  github.intercept();

  const intake = createIntake({ db, queue, logger });
  const probot = new Probot({
    appId: 1,
    privateKey: appKey(),
    secret: "test",
    log: logger,
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
  });
  await probot.load(archonApp(intake));

  const deps: WorkerDeps = withTaskForges({
    db,
    queue,
    logger,
    github: async () => new ProbotOctokit({ auth: { token: "test" }, retry: { enabled: false }, throttle: { enabled: false } }),
    permissions: createPermissionChecker(),
    provider: options.provider ?? (() => createTemplateProvider()),
    blobs: new Map(),
    statusCoalesceMs: options.statusCoalesceMs ?? 200,
    bot: ARCHON_BOT,
  });
  let worker: Worker | undefined;
  const issueTexts = new Map<number, { title: string; body: string }>();

  async function jobs(): Promise<Job[]> {
    return db.selectFrom("jobs").selectAll().orderBy("id").execute();
  }

  return {
    db,
    queue,
    github,
    probot,
    intake,
    deps,
    async deliver(name, payload, id = randomUUID()) {
      const issue = (payload as { issue?: { number: number; title: string; body: string | null } }).issue;
      if (name === "issues" && issue) issueTexts.set(issue.number, { title: issue.title, body: issue.body ?? "" });
      await probot.receive({ id, name, payload } as never);
      return id;
    },
    issueText: (number) => issueTexts.get(number),
    async drain() {
      worker ??= startWorker({
        db,
        queue,
        handlers: jobHandlersFor(deps),
        consumer: `test-${randomUUID()}`,
        concurrency: 4,
        visibilityTimeoutMs: 30_000,
        maxDeliveries: 3,
        blockMs: 20,
        retryBaseMs: 20,
        retryMaxMs: 100,
        logger,
      });
      // A bound on waiting, not a claim about speed: jobs beget jobs, so wait for a quiet table.
      const deadline = Date.now() + 25_000;
      let quiet = 0;
      for (;;) {
        const rows = await jobs();
        const open = rows.filter((j) => j.state !== "done" && j.state !== "dead");
        quiet = open.length === 0 && worker.running() === 0 ? quiet + 1 : 0;
        if (quiet >= 3) return rows;
        if (Date.now() > deadline) throw new Error(`jobs still open: ${JSON.stringify(open.map((j) => [j.id, j.kind, j.state, j.attempts, j.last_error, j.available_at]))}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    jobs,
    async close() {
      await worker?.stop();
      nock.emitter.removeListener("no match", onNoMatch);
      nock.cleanAll();
      nock.enableNetConnect();
      await queue.close();
      await handle.close();
      if (noMatch.length > 0) throw new Error(`requests nothing answered: ${noMatch.join(", ")}`);
      if (github.unexpected.length > 0) throw new Error(`requests the fake GitHub does not know: ${github.unexpected.join(", ")}`);
    },
  };
}
