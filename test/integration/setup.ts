import { join } from "node:path";
import { afterEach, beforeAll } from "vitest";
import type { TestDatabaseBackend } from "../support/databases.js";
import { FIXTURES_DIR } from "../support/fs-repo-view.js";
import { type Files, readFixtureFiles } from "../support/github-fake-git.js";
import { type Harness, type HarnessOptions, openHarness, warmUp } from "../support/github-harness.js";
import { type Person, commentPayload, issuesPayload } from "../support/webhook-payloads.js";

export const MAINTAINER: Person = { login: "Codertocat" };
export const STRANGER: Person = { login: "drive-by" };
export const TASK_TITLE = "Add GET /todos/:id returning the todo or 404";

/** The express-jest fixture as the repository's default branch, plus any extra files. */
export async function expressRepo(extra: Record<string, string> = {}): Promise<Files> {
  const files = await readFixtureFiles(join(FIXTURES_DIR, "express-jest"));
  for (const [path, content] of Object.entries(extra)) files.set(path, content);
  return files;
}

/** Labels issue `number` with the task label and runs every job that follows. */
export async function labelIssue(h: Harness, number: number, options: { body?: string; id?: string; title?: string } = {}) {
  const payload = issuesPayload("labeled", { number, title: options.title ?? TASK_TITLE, body: options.body ?? "" }, MAINTAINER, "archon");
  return h.deliver("issues", payload, options.id);
}

/** A person's new comment, as it exists on GitHub and as its webhook says. */
export async function comment(h: Harness, number: number, body: string, author: Person = MAINTAINER, id?: string) {
  const c = h.github.addComment(number, body, { login: author.login, type: author.type ?? "User" });
  await h.deliver("issue_comment", commentPayload("created", number, { id: c.id, body }, author, h.issueText(number)), id);
  return c;
}

/** Labels the issue and runs the jobs: a planned task awaiting approval. */
export async function plannedTask(h: Harness, number: number, body = "") {
  await labelIssue(h, number, { body });
  await h.drain();
  return taskOf(h, number);
}

/** Labels, approves and runs every job up to the draft pull request. */
export async function taskWithPullRequest(h: Harness, number: number) {
  await plannedTask(h, number);
  await comment(h, number, "/archon approve");
  await h.drain();
  const task = await taskOf(h, number);
  if (task.pr_number === null || task.head_sha === null) throw new Error(`no pull request: ${task.status} ${task.error ?? ""}`);
  return { ...task, pr_number: task.pr_number, head_sha: task.head_sha };
}

export async function taskOf(h: Harness, number: number) {
  return h.db.selectFrom("tasks").selectAll().where("issue_number", "=", number).executeTakeFirstOrThrow();
}

/** Jobs that gave up, with why: a flow that ends with one has crashed somewhere. */
export function deadJobs(jobs: { kind: string; state: string; last_error: string | null }[]) {
  return jobs.filter((j) => j.state === "dead").map((j) => `${j.kind}: ${j.last_error}`);
}

/**
 * The harness of each test of a describe block on `backend`: the backend is warmed up once, and
 * the harness a test opened is closed after it. Opening again in the same test closes the first.
 */
export function harnessPerTest(backend: TestDatabaseBackend): (options: HarnessOptions) => Promise<Harness> {
  let current: Harness | undefined;
  beforeAll(() => warmUp(backend), 180_000);
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (options) => {
    await current?.close();
    current = await openHarness(backend, options);
    return current;
  };
}
