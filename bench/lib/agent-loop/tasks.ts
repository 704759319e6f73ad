import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The fixture every task runs on: a Fastify todo API tested with `node --test`. */
export const FIXTURE = "test/fixtures/fastify-node-test";
const ROUTES = "src/routes/todos.js";
const ROUTES_SOURCE = readFileSync(fileURLToPath(new URL(`../../../${FIXTURE}/${ROUTES}`, import.meta.url)), "utf8");

/** One edit of the routes file: the text it replaces and its replacement. */
export interface Edit {
  oldText: string;
  newText: string;
}

/** A task as a person asks for it, and the work a competent model does for it. */
export interface BenchTask {
  name: string;
  title: string;
  /** The route change; `broken` first when the task has a failing test to fix. */
  route: Edit;
  broken?: Edit | undefined;
  test: { path: string; content: string; names: string[] };
  doc: { path: string; content: string };
}

const TEST_HEAD = "import { test } from 'node:test'\nimport assert from 'node:assert/strict'\nimport { buildApp } from '../src/app.js'\n";
const POST_ANCHOR = "  fastify.post('/todos',";

function testFile(cases: Record<string, string>): string {
  const body = Object.entries(cases).map(
    ([name, lines]) => `\ntest('${name}', async (t) => {\n  const app = buildApp()\n  t.after(() => app.close())\n${lines}\n})\n`,
  );
  return TEST_HEAD + body.join("");
}

const CREATE = "  const created = await app.inject({ method: 'POST', url: '/todos', payload: { title: 'Walk' } })";
const GET_ROUTE = "  fastify.get('/todos/:id', async (request, reply) => {\n    const todo = todos.get(Number(request.params.id))\n    if (!todo) {\n      reply.code(404)\n      return { error: 'todo not found' }\n    }\n    return todo\n  })\n\n";
const DELETE_BROKEN = "  fastify.delete('/todos/:id', async (request, reply) => {\n    todos.delete(Number(request.params.id))\n    reply.code(204)\n  })\n\n";
const DELETE_CHECK = "    todos.delete(Number(request.params.id))\n    reply.code(204)";
const DELETE_FIXED = "    if (!todos.delete(Number(request.params.id))) {\n      reply.code(404)\n      return { error: 'todo not found' }\n    }\n    reply.code(204)";

export const TASKS: BenchTask[] = [
  {
    name: "get-by-id",
    title: "Add GET /todos/:id returning the todo or 404",
    route: { oldText: POST_ANCHOR, newText: GET_ROUTE + POST_ANCHOR },
    test: {
      path: "test/todo-by-id.test.js",
      names: ["gets a todo by id", "answers 404 for a missing todo"],
      content: testFile({
        "gets a todo by id": `${CREATE}\n  const res = await app.inject({ method: 'GET', url: '/todos/' + created.json().id })\n  assert.equal(res.statusCode, 200)\n  assert.equal(res.json().title, 'Walk')`,
        "answers 404 for a missing todo": "  const res = await app.inject({ method: 'GET', url: '/todos/9999' })\n  assert.equal(res.statusCode, 404)",
      }),
    },
    doc: { path: "docs/todos.md", content: "# Todos\n\n- `GET /todos/:id`: one todo, or 404.\n" },
  },
  {
    name: "post-validation",
    title: "POST /todos rejects a title longer than 200 characters with 400",
    route: { oldText: "title: { type: 'string', minLength: 1 }", newText: "title: { type: 'string', minLength: 1, maxLength: 200 }" },
    test: {
      path: "test/todo-validation.test.js",
      names: ["rejects a title over 200 characters", "accepts a title of 200 characters"],
      content: testFile({
        "rejects a title over 200 characters": "  const res = await app.inject({ method: 'POST', url: '/todos', payload: { title: 'x'.repeat(201) } })\n  assert.equal(res.statusCode, 400)",
        "accepts a title of 200 characters": "  const res = await app.inject({ method: 'POST', url: '/todos', payload: { title: 'x'.repeat(200) } })\n  assert.equal(res.statusCode, 201)",
      }),
    },
    doc: { path: "docs/validation.md", content: "# Validation\n\n`POST /todos` needs a `title` of 1 to 200 characters; anything else is a 400.\n" },
  },
  {
    name: "fix-after-failure",
    title: "Add DELETE /todos/:id answering 204, or 404 when there is no such todo",
    broken: { oldText: POST_ANCHOR, newText: DELETE_BROKEN + POST_ANCHOR },
    route: { oldText: DELETE_CHECK, newText: DELETE_FIXED },
    test: {
      path: "test/todo-delete.test.js",
      names: ["deletes a todo", "answers 404 when deleting a missing todo"],
      content: testFile({
        "deletes a todo": `${CREATE}\n  const res = await app.inject({ method: 'DELETE', url: '/todos/' + created.json().id })\n  assert.equal(res.statusCode, 204)`,
        "answers 404 when deleting a missing todo": "  const res = await app.inject({ method: 'DELETE', url: '/todos/9999' })\n  assert.equal(res.statusCode, 404)",
      }),
    },
    doc: { path: "docs/delete.md", content: "# Deleting a todo\n\n`DELETE /todos/:id` answers 204, or 404 when there is no such todo.\n" },
  },
];

function applyEdit(source: string, edit: Edit): string {
  if (!source.includes(edit.oldText)) throw new Error(`the routes file has no ${JSON.stringify(edit.oldText)}`);
  return source.replace(edit.oldText, edit.newText);
}

/** The routes file after the task's edits: the first version (broken when the task has one) and the final one. */
export function routesAfter(task: BenchTask): { path: string; first: string; final: string } {
  const first = applyEdit(ROUTES_SOURCE, task.broken ?? task.route);
  return { path: ROUTES, first, final: task.broken ? applyEdit(first, task.route) : first };
}
