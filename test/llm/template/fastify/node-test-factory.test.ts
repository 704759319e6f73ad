import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyChanges, copyFixture, FIXTURES_DIR, fsRepoView } from "../../../support/fs-repo-view.js";
import { contentOf, issueToChange, mustWrite, runIn } from "./issue-to-change.js";

const FIXTURE = "fastify-node-test";
const copies: string[] = [];

afterAll(() => Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true }))));

async function passes(issues: string[]): Promise<{ dir: string; added: number }> {
  const repo = fsRepoView(join(FIXTURES_DIR, FIXTURE));
  const written = await Promise.all(issues.map(async (issue) => mustWrite(await issueToChange(repo, issue))));
  const dir = await copyFixture(FIXTURE);
  copies.push(dir);
  await applyChanges(dir, written.flatMap((w) => [...w.code, ...w.tests]));
  const result = await runIn(dir, "node --test");
  expect(result.ok, result.output).toBe(true);
  const added = written.reduce((n, w) => n + w.testNames.length, 0);
  expect(Number(/# pass (\d+)/.exec(result.output)?.[1])).toBe(3 + added);
  return { dir, added };
}

describe("a buildApp() factory that registers a todos plugin", () => {
  it("adds GET /todos/:id to the plugin and a books plugin registered beside it", async () => {
    const repo = fsRepoView(join(FIXTURES_DIR, FIXTURE));
    const books = mustWrite(await issueToChange(repo, "Add a CRUD resource for books with title and author"));
    expect(books.code.map((c) => c.path).sort()).toEqual(["src/app.js", "src/routes/books.js"]);
    const app = contentOf(books, "src/app.js");
    expect(app).toContain("import bookRoutes from './routes/books.js'\n");
    expect(app).toContain("  app.register(todoRoutes)\n\n  app.register(bookRoutes)\n");
    expect(contentOf(books, "src/routes/books.js")).toMatch(/^export default async function bookRoutes ?\(fastify\) \{$/m);
    await passes(["Add GET /todos/:id returning the todo or 404", "Add a CRUD resource for books with title and author"]);
  }, 60_000);

  it("adds PATCH /todos/:id with a partial body schema", async () => {
    const repo = fsRepoView(join(FIXTURES_DIR, FIXTURE));
    const patch = mustWrite(await issueToChange(repo, "Add PATCH /todos/:id that takes {title} and returns the todo, or 404 when it does not exist"));
    const code = contentOf(patch, "src/routes/todos.js");
    expect(code).toContain("const todoUpdate = { type: 'object', properties: { title: { type: 'string' } } }");
    expect(code).toContain("if (body.title !== undefined) item.title = body.title");
    await passes(["Add PATCH /todos/:id that takes {title} and returns the todo, or 404 when it does not exist"]);
  }, 60_000);
});
