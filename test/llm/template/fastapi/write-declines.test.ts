import { describe, expect, it } from "vitest";
import type { RepoView } from "../../../../src/domain/forge.js";
import type { Blueprint } from "../../../../src/llm/template/blueprint/blueprint.js";
import { fastapi } from "../../../../src/llm/template/frameworks/fastapi/index.js";
import type { Decline, Written } from "../../../../src/llm/template/frameworks/framework.js";
import type { TestCase } from "../../../../src/llm/template/testgen/test-plan.js";
import { FIXTURES_DIR, fsRepoView } from "../../../support/fs-repo-view.js";
import { crud, field, names, repoError, status, step, testCase } from "./blueprints.js";
import { listingsExample, todosExample, versionExample } from "./examples.js";
import { FACTS, memoryRepo } from "./memory-repo.js";

async function attempt(repo: RepoView, blueprint: Blueprint, cases: TestCase[]): Promise<{ ok: true; value: Written } | { ok: false; decline: Decline }> {
  const reading = await fastapi.read(repo, FACTS);
  if (!reading.ok) throw new Error(reading.decline.reason);
  return reading.value.write(blueprint, cases);
}

const fixture = (name: string) => fsRepoView(`${FIXTURES_DIR}/${name}`);

describe("declining what cannot be written faithfully", () => {
  it("declines when the guard the issue asks for is not among the routes' dependencies", async () => {
    const example = listingsExample();
    const blueprint: Blueprint = { ...example.blueprint, auth: { required: true, guard: "require_admin" } };
    const result = await attempt(fixture(example.fixture), blueprint, example.cases);
    expect(result).toEqual({
      ok: false,
      decline: expect.objectContaining({ reason: "I could not find the guard `require_admin` the issue asks for among the routes' dependencies (they use `security.validate_request`)." }),
    });
  });

  it("declines an endpoint the repository serves already", async () => {
    const example = versionExample();
    const blueprint: Blueprint = { ...example.blueprint, endpoints: example.blueprint.endpoints.map((e) => ({ ...e, path: "/api/health/heartbeat" })) };
    const result = await attempt(fixture(example.fixture), blueprint, example.cases);
    expect(result.ok ? undefined : result.decline.reason).toBe("`GET /api/health/heartbeat` is already served by `get_hearbeat` in `fastapi_skeleton/api/routes/heartbeat.py`.");
  });

  it("declines a route the module the issue names cannot serve at its path", async () => {
    const example = versionExample();
    const blueprint: Blueprint = { ...example.blueprint, understanding: { ...example.blueprint.understanding, hints: { paths: ["fastapi_skeleton/api/routes/prediction.py"], names: [], libraries: [] } } };
    const result = await attempt(fixture(example.fixture), blueprint, example.cases);
    expect(result.ok ? undefined : result.decline.reason).toBe("`fastapi_skeleton/api/routes/prediction.py` serves routes under `/api/model`, so `/api/health/version` cannot answer from it.");
  });

  it("declines extending a collection whose items live behind a service it cannot follow", async () => {
    const repo = memoryRepo({
      "app/__init__.py": "",
      "app/service.py": "def all_todos():\n    return []\n\n\ndef add(todo):\n    return todo\n",
      "app/main.py": [
        "from fastapi import FastAPI",
        "",
        "from app import service",
        "",
        "app = FastAPI()",
        "",
        "",
        '@app.get("/todos")',
        "def list_todos():",
        "    return service.all_todos()",
        "",
        "",
        '@app.post("/todos", status_code=201)',
        "def create_todo(todo: dict):",
        "    return service.add(todo)",
        "",
      ].join("\n"),
    });
    const example = todosExample();
    const result = await attempt(repo, example.blueprint, example.cases);
    expect(result.ok ? undefined : result.decline.reason).toBe("I could not find the in-memory list or dict the existing `/todos` routes keep their todos in.");
  });

  it("declines tests that must authenticate when no existing test shows how", async () => {
    const repo = memoryRepo({
      "main.py": [
        "from fastapi import Depends, FastAPI",
        "from fastapi.security import OAuth2PasswordBearer",
        "",
        'oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")',
        "app = FastAPI()",
        "",
        "",
        "def get_current_user(token: str = Depends(oauth2_scheme)):",
        "    return token",
        "",
        "",
        '@app.get("/me")',
        "def me(user=Depends(get_current_user)):",
        "    return {}",
        "",
      ].join("\n"),
    });
    const resource = { names: names(["pet"], ["pets"]), basePath: "/pets", idName: "id", idType: "integer" as const, fields: [field("name", "string", true)], store: "new" as const };
    const blueprint = crud({ resource, roles: ["list"], auth: { required: true, guard: "get_current_user" }, notFound: repoError(404, "Pet not found") });
    const cases = [testCase("GET /pets lists pets", step("GET", ["pets"], [status(200)], { auth: "valid" }))];
    const result = await attempt(repo, blueprint, cases);
    expect(result).toEqual({
      ok: false,
      decline: {
        reason: "No existing test calls a route behind `get_current_user`, so I cannot tell how the new tests should authenticate.",
        add: "Add a test that calls a route guarded by `get_current_user` with valid credentials.",
      },
    });
  });
});

describe("writing into a repository without tests", () => {
  it("writes the routes into its single module and builds a TestClient on its app", async () => {
    const repo = memoryRepo({ "main.py": 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/")\ndef root():\n    return {"ok": True}\n\n\nif __name__ == "__main__":\n    import uvicorn\n\n    uvicorn.run(app)\n' });
    const resource = { names: names(["pet"], ["pets"]), basePath: "/pets", idName: "id", idType: "uuid" as const, fields: [field("name", "string", true)], store: "new" as const };
    const blueprint = crud({ resource, roles: ["list", "create"], auth: { required: false }, notFound: repoError(404, "Pet not found") });
    const cases = [testCase("POST /pets creates a pet", step("POST", ["pets"], [status(201), { k: "type", path: ["id"], type: "string" }], { body: { name: "Rex" } }))];
    const result = await attempt(repo, blueprint, cases);
    if (!result.ok) throw new Error(result.decline.reason);
    const main = result.value.code.find((c) => c.path === "main.py");
    expect(main && "content" in main ? main.content : "").toMatch(/def create_pet\(payload: PetIn\):\n {4}pet = \{"id": str\(uuid\.uuid4\(\)\), \*\*jsonable_encoder\(payload\)\}[\s\S]*\n\n\nif __name__ == "__main__":/);
    const tests = result.value.tests[0]!;
    expect(tests).toMatchObject({ action: "create", path: "tests/test_pets.py" });
    expect("content" in tests ? tests.content : "").toContain("from fastapi.testclient import TestClient\n\nfrom main import app\n\nclient = TestClient(app)\n");
  });
});
