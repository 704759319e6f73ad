import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import { sql } from "kysely";
import pg from "pg";
import { createApiHandler } from "../src/api/create-api-handler.js";
import { pino } from "pino";
import { createMemoryQueue } from "../src/queue/memory-queue.js";
import { createOrchestratorTaskCommands } from "../src/worker/orchestrator-task-commands.js";
import { createToken } from "../src/auth/token.js";
import { openDatabase } from "../src/db/connect.js";
import type { Db } from "../src/db/database.js";
import type { DocumentKind } from "../src/db/document.table.js";
import { upsertInstallation, upsertRepository } from "../src/db/installation.repository.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { startAgentRun } from "../src/db/agent-run.repository.js";
import { savePlan } from "../src/db/task.repository.js";
import { searchDocuments } from "../src/kb/search-documents.js";
import { round, summarise } from "./lib/stats.js";

const DOCUMENTS = 100_000;
const BATCH = 1_000;
const REPOSITORIES = 20;
const SEARCHES = 200;
const THROUGHPUT_SECONDS = 5;
const INSTALLATION = 4343;
const SECRET = randomBytes(32).toString("hex");

// Words of engineering notes, grown into a vocabulary of realistic size with compound identifiers
// (retryQueue, webhookSignature, ...) that the english parser keeps as single lexemes.
const BASE_WORDS = `request response handler router middleware endpoint route controller service repository schema
migration table column index query transaction rollback commit lock deadlock timeout retry backoff jitter queue stream
consumer producer worker job outbox reconciler webhook delivery signature payload event action label issue comment
pull branch merge rebase tree blob checksum artifact cache build pipeline workflow runner container image
registry deploy release version changelog tag semver dependency package lockfile install audit vulnerability patch
token secret credential permission scope audience expiry rotation session cookie header cors csrf origin proxy
gateway balancer replica shard partition vacuum analyze planner cost estimate histogram statistics latency throughput
percentile budget quota limit throttle burst window counter gauge metric trace span log level alert dashboard oncall
incident postmortem runbook canary feature flag experiment cohort tenant installation organisation account
user profile avatar email notification digest template render markdown snippet heading paragraph link anchor
test fixture mock stub spy assertion coverage snapshot flaky isolation parallel sequential suite harness benchmark
typescript javascript python golang rust compiler transpiler bundler linter formatter config environment variable
parser tokenizer grammar syntax visitor transform plugin extension hook lifecycle startup shutdown graceful signal
memory heap garbage allocation leak profile flamegraph cpu thread pool connection socket tls certificate handshake`
  .split(/\s+/)
  .filter(Boolean);
const VOCABULARY_SIZE = 20_000;

function buildVocabulary(): string[] {
  const words = [...BASE_WORDS];
  const next = random(1);
  const seen = new Set(words);
  while (words.length < VOCABULARY_SIZE) {
    const a = BASE_WORDS[Math.floor(next() * BASE_WORDS.length)]!;
    const b = BASE_WORDS[Math.floor(next() * BASE_WORDS.length)]!;
    const compound = `${a}${b[0]!.toUpperCase()}${b.slice(1)}`;
    if (!seen.has(compound)) {
      seen.add(compound);
      words.push(compound);
    }
  }
  return words;
}

const VOCABULARY = buildVocabulary();
// Zipf's law (s = 1): the word of rank k appears with weight 1/k, as in natural text.
const CUMULATIVE = (() => {
  let total = 0;
  const sums = VOCABULARY.map((_, k) => (total += 1 / (k + 1)));
  return sums.map((v) => v / total);
})();

const KINDS: DocumentKind[] = ["doc", "adr", "plan", "snippet", "test_report", "decision"];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function word(next: () => number): string {
  const u = next();
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CUMULATIVE[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo]!;
}

/** A word people search for: neither one of the few everywhere nor one nobody wrote (ranks 50 to 5,000). */
function queryWord(next: () => number): string {
  return VOCABULARY[50 + Math.floor(next() * 4_950)]!;
}

function sentence(next: () => number, words: number): string {
  const parts = Array.from({ length: words }, () => word(next));
  return `${parts.join(" ")}.`;
}

function documentRow(i: number, next: () => number, repositoryIds: string[]) {
  const sentences = 4 + Math.floor(next() * 16);
  return {
    installation_id: INSTALLATION,
    repository_id: next() < 0.1 ? null : repositoryIds[i % repositoryIds.length]!,
    kind: KINDS[i % KINDS.length]!,
    title: sentence(next, 3 + Math.floor(next() * 5)).replace(/\.$/, ""),
    body: Array.from({ length: sentences }, () => sentence(next, 6 + Math.floor(next() * 12))).join(" "),
    path: null,
    source_task_id: null,
  };
}

export async function seed(db: Db): Promise<{ repositories: string[]; seedMs: number }> {
  const started = performance.now();
  await upsertInstallation(db, { id: INSTALLATION, accountLogin: "bench" });
  const repositories: string[] = [];
  const repositoryIds: string[] = [];
  for (let r = 0; r < REPOSITORIES; r += 1) {
    const repo = await upsertRepository(db, { installationId: INSTALLATION, fullName: `bench/repo-${r}` });
    repositories.push(repo.full_name);
    repositoryIds.push(String(repo.id));
  }
  const next = random(42);
  for (let start = 0; start < DOCUMENTS; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, DOCUMENTS - start) }, (_, k) => documentRow(start + k, next, repositoryIds));
    await db.insertInto("documents").values(rows).execute();
  }
  await sql`analyze documents`.execute(db);
  return { repositories, seedMs: performance.now() - started };
}

/** Queries as people type them: one word, two words, a phrase, an exclusion, an OR, some in one repository. */
export function benchQueries(repositories: string[]): { q: string; repository?: string }[] {
  const next = random(7);
  const out: { q: string; repository?: string }[] = [];
  for (let i = 0; i < SEARCHES; i += 1) {
    const a = queryWord(next);
    const b = queryWord(next);
    const shapes = [a, `${a} ${b}`, `"${a} ${b}"`, `${a} -${b}`, `${a} or ${b}`];
    out.push({ q: shapes[i % shapes.length]!, ...(i % 4 === 0 ? { repository: repositories[i % repositories.length] } : {}) });
  }
  return out;
}

/** Latency of the benchmark's query mix, then of the ten commonest words, on an already seeded database. */
export async function measureSearch(db: Db, repositories: string[]) {
  const scope = { installationId: INSTALLATION };
  const list = benchQueries(repositories);
  for (const query of list.slice(0, 20)) await searchDocuments(db, scope, { ...query, limit: 10 });
  const times: number[] = [];
  let results = 0;
  for (const query of list) {
    const started = performance.now();
    const page = await searchDocuments(db, scope, { ...query, limit: 10 });
    times.push(performance.now() - started);
    results += page.results.length;
  }
  const s = summarise(times);
  // The worst case, reported apart: a word in most documents, where only RANKED_CANDIDATES of its matches are ranked.
  const common: number[] = [];
  for (const q of VOCABULARY.slice(0, 10)) {
    const started = performance.now();
    await searchDocuments(db, scope, { q, limit: 10 });
    common.push(performance.now() - started);
  }
  const c = summarise(common);
  return {
    commonWordP50Ms: round(c.median, 1),
    commonWordMaxMs: round(Math.max(...common), 1),
    searches: times.length, p50Ms: round(s.median, 2), p95Ms: round(s.p95, 2), p99Ms: round(s.p99, 2), meanResults: round(results / times.length, 1) };
}

async function measureTaskDetail(db: Db, repository: string) {
  const tasks = createOrchestratorTaskCommands({ db, queue: createMemoryQueue(), logger: pino({ level: "silent" }) });
  const scope = { installationId: INSTALLATION, subject: "bench" };
  const created = await tasks.create(scope, { repository, title: "Add an endpoint", description: "GET /health", approve: false, source: "api" });
  if (!created.ok) throw new Error(created.error.message);
  const id = String(created.value.id);
  const plan = await savePlan(db, id, {
    summary: "Two steps",
    facts: { language: "javascript", framework: "express", moduleStyle: "esm", testRunner: "jest", testCommand: "npm test", paths: [] },
    steps: [
      { position: 0, agent: "CodeGenerationAgent", title: "Route", dependsOn: [], files: ["src/health.js"] },
      { position: 1, agent: "TestingAgent", title: "Test", dependsOn: [0], files: ["test/health.test.js"] },
    ],
  });
  await startAgentRun(db, { taskId: id, stepId: plan.steps[0]!.id, agent: "CodeGenerationAgent", provider: "template", attempt: 0 });

  const handler = createApiHandler({ db, jwtSecret: SECRET, tasks, logger: { error: () => undefined, warn: () => undefined } });
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const token = await createToken(SECRET, { installationId: INSTALLATION, audience: "archon-api", ttl: 600 });
  try {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/api/tasks/${id}`,
      connections: 10,
      duration: THROUGHPUT_SECONDS,
      headers: { authorization: `Bearer ${token}` },
    });
    return {
      connections: 10,
      seconds: THROUGHPUT_SECONDS,
      requestsPerS: round(result.requests.average, 0),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
    };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/**
 * Knowledge-base search over 100,000 generated documents on real PostgreSQL (its own schema),
 * ~200 searches' latency, then `GET /api/tasks/:id` throughput over HTTP for 5 s.
 */
export async function benchKnowledgeSearch(): Promise<Record<string, unknown>> {
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) return { name: "knowledge-search", status: "skipped", note: "set TEST_DATABASE_URL or DATABASE_URL to a PostgreSQL server" };
  const schema = `bench_kb_${randomBytes(4).toString("hex")}`;
  const handle = await openDatabase({ url, schema, poolSize: 12 });
  try {
    await migrateToLatest(handle.db, schema);
    const { repositories, seedMs } = await seed(handle.db);
    const search = await measureSearch(handle.db, repositories);
    const taskDetail = await measureTaskDetail(handle.db, repositories[0]!);
    return {
      name: "knowledge-search",
      status: "ok",
      documents: DOCUMENTS,
      seedSeconds: round(seedMs / 1000, 1),
      search: { ...search, targetP95Ms: 20 },
      taskDetail,
    };
  } finally {
    await handle.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) {
  console.log(JSON.stringify(await benchKnowledgeSearch(), null, 2));
}
