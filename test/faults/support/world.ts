import { join } from "node:path";
import pg from "pg";
import { FIXTURES_DIR } from "../../support/fs-repo-view.js";
import { readFixtureFiles } from "../../support/github-fake-git.js";
import { type Person, commentPayload, issuesPayload } from "../../support/webhook-payloads.js";
import { type ArchonProcess, archonEnv, startArchon, webhookUrl } from "./archon-process.js";
import { type FakeGitHubServer, startFakeGitHubServer } from "./fake-github-server.js";
import { type ScratchDatabase, createScratchDatabase, redisUrl, uniqueName, waitFor } from "./services.js";

export const MAINTAINER: Person = { login: "Codertocat" };
export const TASK_TITLE = "Add GET /todos/:id returning the todo or 404";

export interface WorldOptions {
  /** Redis database index (a case that flushes Redis takes one of its own). */
  redisDb?: number;
  /** Extra environment for every Archon process. */
  env?: Record<string, string>;
  /** Where Archon's processes reach PostgreSQL, when not directly (a proxy that can be cut). */
  databaseUrl?: (direct: string) => string;
  permissions?: Record<string, "admin" | "maintain" | "write" | "triage" | "read">;
}

/**
 * One fault case's world: a database of its own, a stream of its own, the fake GitHub on a local
 * port, and Archon's processes started against them.
 */
export async function openWorld(options: WorldOptions = {}) {
  const database: ScratchDatabase = await createScratchDatabase();
  const files = await readFixtureFiles(join(FIXTURES_DIR, "express-jest"));
  const github: FakeGitHubServer = await startFakeGitHubServer({
    owner: "Codertocat",
    repo: "Hello-World",
    defaultBranch: "master",
    files,
    permissions: options.permissions ?? { [MAINTAINER.login]: "write" },
  });
  const stream = uniqueName("archon-fault");
  const env = archonEnv({
    databaseUrl: options.databaseUrl ? options.databaseUrl(database.url) : database.url,
    redisUrl: redisUrl(options.redisDb ?? 0),
    stream,
    githubUrl: github.url,
    extra: { ARCHON_REDELIVER_INTERVAL: "1", ...options.env },
  });
  const processes: ArchonProcess[] = [];
  const db = new pg.Pool({ connectionString: database.url, max: 2 });

  async function start(args: string[], extra: Record<string, string> = {}): Promise<ArchonProcess> {
    const proc = await startArchon(args, { ...env, ...extra });
    processes.push(proc);
    if (args[0] === "serve") github.setWebhookUrl(webhookUrl(proc));
    return proc;
  }

  async function query<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
    return (await db.query(text, values)).rows as T[];
  }

  return {
    database,
    github,
    stream,
    env,
    processes,
    start,
    query,
    label(number: number, guid?: string, body = "") {
      const payload = issuesPayload("labeled", { number, title: TASK_TITLE, body }, MAINTAINER, "archon");
      return { payload, send: () => github.deliver("issues", payload, guid) };
    },
    /** A person's comment: on the fake GitHub, then its webhook. */
    comment(number: number, body: string, author: Person = MAINTAINER) {
      const c = github.github.addComment(number, body, { login: author.login, type: author.type ?? "User" });
      return github.deliver("issue_comment", commentPayload("created", number, { id: c.id, body }, author));
    },
    async task(number: number) {
      return (await query<{ id: string; status: string; pr_number: number | null; head_sha: string | null; error: string | null }>(
        "select id, status, pr_number, head_sha, error from tasks where issue_number = $1 order by id",
        [number],
      ));
    },
    /** Every job done or dead, and none created for a while. */
    async settle(timeoutMs = 90_000) {
      let last = "";
      let quiet = 0;
      await waitFor(
        "the jobs to settle",
        async () => {
          const rows = await query<{ id: string; state: string }>("select id, state from jobs order by id");
          const open = rows.filter((r) => r.state !== "done" && r.state !== "dead");
          const now = JSON.stringify(rows);
          quiet = open.length === 0 && now === last ? quiet + 1 : 0;
          last = now;
          return quiet >= 5;
        },
        timeoutMs,
      );
      return query<{ id: string; kind: string; state: string; last_error: string | null; attempts: number }>(
        "select id, kind, state, last_error, attempts from jobs order by id",
      );
    },
    async close() {
      await Promise.all(processes.map((p) => p.stop()));
      await db.end();
      await github.close();
      await database.drop();
    },
  };
}

export type World = Awaited<ReturnType<typeof openWorld>>;

export function deadJobs(jobs: { kind: string; state: string; last_error: string | null }[]): string[] {
  return jobs.filter((j) => j.state === "dead").map((j) => `${j.kind}: ${j.last_error}`);
}
