import { describe, expect, it } from "vitest";
import { fastapi } from "../../../../src/llm/template/frameworks/fastapi/index.js";
import type { RepoReading } from "../../../../src/llm/template/frameworks/framework.js";
import { FIXTURES_DIR, fsRepoView } from "../../../support/fs-repo-view.js";
import { FACTS } from "./memory-repo.js";

async function read(fixture: string): Promise<RepoReading> {
  const result = await fastapi.read(fsRepoView(`${FIXTURES_DIR}/${fixture}`), FACTS);
  if (!result.ok) throw new Error(result.decline.reason);
  return result.value;
}

function paths(reading: RepoReading): string[] {
  return reading.routes.map((route) => `${route.method} ${route.path}`);
}

describe("reading an app factory with nested routers", () => {
  it("gives every route its full path through the factory, the constant prefix and the nested include", async () => {
    const reading = await read("fastapi-factory-nested");
    expect(paths(reading)).toEqual(["GET /api/health/heartbeat", "POST /api/model/predict"]);
    expect(reading.routes.find((r) => r.path === "/api/model/predict")).toMatchObject({ file: "fastapi_skeleton/api/routes/prediction.py", guards: ["security.validate_request"] });
    expect(reading.routes.find((r) => r.path === "/api/health/heartbeat")?.guards).toEqual([]);
  });

  it("finds the header guard and the header it reads", async () => {
    const reading = await read("fastapi-factory-nested");
    expect(reading.guards).toEqual([
      { name: "security.validate_request", file: "fastapi_skeleton/core/security.py", guards: ["/api/model/predict"], scheme: "header", header: "token" },
    ]);
  });

  it("lists module-level constants, with environment defaults", async () => {
    const reading = await read("fastapi-factory-nested");
    expect(reading.constants).toEqual(
      expect.arrayContaining([
        { file: "fastapi_skeleton/core/config.py", name: "API_PREFIX", value: "/api" },
        { file: "fastapi_skeleton/core/config.py", name: "APP_NAME", value: "Skeleton API" },
        { file: "fastapi_skeleton/core/config.py", name: "IS_DEBUG", value: false },
        { file: "fastapi_skeleton/core/config.py", name: "API_KEY", value: "sample-api-key" },
      ]),
    );
    expect(reading.validationStatus).toBe(422);
    expect(reading.resources).toEqual([]);
  });
});

describe("reading a flat views router", () => {
  it("keeps the full paths the decorators write and the bearer guard behind get_current_user", async () => {
    const reading = await read("fastapi-flat-views");
    expect(paths(reading)).toEqual(["POST /token", "GET /api_a/:num", "GET /api_b/:num"]);
    expect(reading.guards).toEqual([{ name: "get_current_user", file: "app/core/auth.py", guards: ["/api_a/:num", "/api_b/:num"], scheme: "bearer" }]);
    expect(reading.routes.find((r) => r.path === "/token")?.guards).toEqual([]);
  });
});

describe("reading an app built by create_app with fastapi.FastAPI", () => {
  it("finds routes declared inside the factory and on an included router with its own prefix", async () => {
    const reading = await read("fastapi-attr-app");
    expect(paths(reading)).toEqual(["GET /status", "GET /items", "POST /items", "GET /items/:item_id"]);
    expect(reading.guards[0]).toMatchObject({ name: "get_current_user", file: "app/security.py", scheme: "bearer" });
  });

  it("reads the items collection: roles, id type and the create model's fields", async () => {
    const reading = await read("fastapi-attr-app");
    expect(reading.resources).toEqual([
      {
        basePath: "/items",
        idName: "id",
        idType: "integer",
        roles: ["list", "create", "get"],
        storeCan: ["replace", "update", "delete", "count"],
        fields: [
          { name: "name", type: "string", required: true, nullable: false, constraints: { minLength: 1, maxLength: 80 }, readOnly: false },
          { name: "quantity", type: "integer", required: false, nullable: false, default: 1, constraints: { minimum: 0 }, readOnly: false },
        ],
      },
    ]);
    expect(reading.constants).toContainEqual({ file: "app/settings.py", name: "SERVICE_TOKEN", value: "secret-token" });
  });
});

describe("reading the todo app", () => {
  it("sees the collection a router with its own prefix serves", async () => {
    const reading = await read("fastapi-pytest");
    expect(paths(reading)).toEqual(["GET /health", "GET /todos", "POST /todos"]);
    expect(reading.resources.map((r) => [r.basePath, r.roles, r.fields.map((f) => f.name), r.storeCan])).toEqual([
      ["/todos", ["list", "create"], ["title"], ["get", "replace", "update", "delete", "count"]],
    ]);
  });
});
