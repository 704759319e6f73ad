import { describe, expect, it } from "vitest";
import { parseTaskRequest, type TaskRequest } from "../../src/agents/task-request.js";
import { TaskSpec } from "../../src/archon/task-spec.js";

function task(title: string, description = "", acceptanceCriteria: string[] = []): TaskSpec {
  return TaskSpec.parse({ title, description, acceptanceCriteria });
}

describe("parseTaskRequest", () => {
  it.each<[string, TaskSpec, TaskRequest]>([
    [
      "a GET by id with 404",
      task("Add GET /todos/:id returning the todo or 404"),
      {
        kind: "endpoints",
        resource: "todos",
        endpoints: [
          { method: "GET", path: "/todos/:id", pathParams: ["id"], operation: "get", resource: "todos", bodyFields: [], response: "item", statusCodes: [200, 404] },
        ],
      },
    ],
    [
      "a POST with a body and a stated status",
      task("Add POST /notes that takes {text} and returns 201 with the note"),
      {
        kind: "endpoints",
        resource: "notes",
        endpoints: [
          {
            method: "POST",
            path: "/notes",
            pathParams: [],
            operation: "create",
            resource: "notes",
            bodyFields: [{ name: "text", type: "string" }],
            response: "item",
            statusCodes: [201, 400],
          },
        ],
      },
    ],
    [
      "FastAPI-style path parameters and JSON-ish bodies",
      task("Add PUT /books/{book_id}", 'It takes { "title": string, "pages": number } and returns the book, or 404 when missing.'),
      {
        kind: "endpoints",
        resource: "books",
        endpoints: [
          {
            method: "PUT",
            path: "/books/:book_id",
            pathParams: ["book_id"],
            operation: "update",
            resource: "books",
            bodyFields: [
              { name: "title", type: "string" },
              { name: "pages", type: "number" },
            ],
            response: "item",
            statusCodes: [200, 400, 404],
          },
        ],
      },
    ],
    [
      "a CRUD resource with fields",
      task("Add a CRUD resource for books with title and author"),
      { kind: "crud", resource: "books", fields: [{ name: "title", type: "string" }, { name: "author", type: "string" }] },
    ],
    [
      "a CRUD resource with typed fields and a singular name",
      task("CRUD for book", "Fields: title (string), year: number, available"),
      {
        kind: "crud",
        resource: "books",
        fields: [
          { name: "title", type: "string" },
          { name: "year", type: "number" },
          { name: "available", type: "boolean" },
        ],
      },
    ],
    [
      "the other word order",
      task("Books CRUD with title"),
      { kind: "crud", resource: "books", fields: [{ name: "title", type: "string" }] },
    ],
  ])("reads %s", (_what, spec, expected) => {
    expect(parseTaskRequest(spec)).toEqual(expected);
  });

  it("merges an endpoint mentioned in the title and again in the description", () => {
    const request = parseTaskRequest(task("Add DELETE /todos/:id", "DELETE /todos/:id answers 204, or 404 when the todo does not exist."));
    expect(request).toMatchObject({ kind: "endpoints", endpoints: [{ method: "DELETE", operation: "delete", response: "none", statusCodes: [204, 404] }] });
  });

  it("reads several endpoints on one resource", () => {
    const request = parseTaskRequest(task("Todo details", "Add GET /todos/:id and DELETE /todos/:id."));
    expect(request.kind === "endpoints" && request.endpoints.map((e) => `${e.method} ${e.operation}`)).toEqual(["GET get", "DELETE delete"]);
  });

  it.each([
    ["Refactor the auth module to use OAuth"],
    ["Make the homepage faster"],
    ["Add GET /todos and GET /users"],
  ])("does not understand %j", (title) => {
    const request = parseTaskRequest(task(title));
    expect(request.kind).toBe("not-understood");
    expect(request.kind === "not-understood" && request.reason).toMatch(/\w+ \w+/);
  });

  it("never lets task text become code: odd names are not names", () => {
    const request = parseTaskRequest(task('Add POST /notes that takes {text"); process.exit(1); ("}'));
    expect(request).toMatchObject({ kind: "endpoints", endpoints: [{ bodyFields: [{ name: "text", type: "string" }] }] });
    const odd = parseTaskRequest(task("Add GET /to$dos/:id"));
    expect(odd.kind === "endpoints" && odd.endpoints[0]!.path).toBe("/to");
  });
});
