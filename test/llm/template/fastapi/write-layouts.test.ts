import { describe, expect, it } from "vitest";
import { fastapi } from "../../../../src/llm/template/frameworks/fastapi/index.js";
import type { Written } from "../../../../src/llm/template/frameworks/framework.js";
import { crud, field, names, repoError, status, step, testCase } from "./blueprints.js";
import { FACTS, memoryRepo } from "./memory-repo.js";

/** A backend folder run from inside (`from app.api...`), a dependency alias, and a router included only in development. */
const BACKEND = {
  "backend/app/__init__.py": "",
  "backend/app/main.py": "from fastapi import FastAPI\n\nfrom app.api.main import api_router\n\napp = FastAPI()\napp.include_router(api_router, prefix=\"/api/v1\")\n",
  "backend/app/api/__init__.py": "",
  "backend/app/api/deps.py": [
    "from typing import Annotated",
    "",
    "from fastapi import Depends, HTTPException",
    "from fastapi.security import OAuth2PasswordBearer",
    "",
    'reusable_oauth2 = OAuth2PasswordBearer(tokenUrl="/api/v1/login/access-token")',
    "",
    "",
    "def get_current_user(token: Annotated[str, Depends(reusable_oauth2)]) -> str:",
    '    if token != "t":',
    "        raise HTTPException(status_code=403)",
    "    return token",
    "",
    "",
    "CurrentUser = Annotated[str, Depends(get_current_user)]",
    "",
  ].join("\n"),
  "backend/app/api/main.py": [
    "from fastapi import APIRouter",
    "",
    "from app.api.routes import items, private",
    "from app.core import settings",
    "",
    "api_router = APIRouter()",
    "api_router.include_router(items.router)",
    "",
    'if settings.ENV == "development":',
    "    api_router.include_router(private.router)",
    "",
  ].join("\n"),
  "backend/app/api/routes/__init__.py": "",
  "backend/app/api/routes/items.py": [
    "from fastapi import APIRouter",
    "",
    "from app.api.deps import CurrentUser",
    "",
    'router = APIRouter(prefix="/items", tags=["items"])',
    "",
    "",
    '@router.get("/")',
    "def read_items(current_user: CurrentUser) -> list[dict]:",
    "    return []",
    "",
  ].join("\n"),
  "backend/app/api/routes/private.py": 'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/private")\n\n\n@router.get("/")\ndef secret() -> dict:\n    return {}\n',
  "backend/app/core/__init__.py": "",
  "backend/app/core/settings.py": 'ENV = "production"\n',
  "backend/tests/conftest.py": "import pytest\nfrom fastapi.testclient import TestClient\n\nfrom app.main import app\n\n\n@pytest.fixture\ndef client():\n    return TestClient(app)\n\n\n@pytest.fixture\ndef token_headers():\n    return {\"Authorization\": \"Bearer t\"}\n",
  "backend/tests/api/routes/test_items.py": 'from app.core import settings\n\n\ndef test_read_items(client, token_headers):\n    response = client.get(f"{settings.API_V1}/items/", headers=token_headers)\n    assert response.status_code == 200\n',
};

async function written(): Promise<Written> {
  const reading = await fastapi.read(memoryRepo({ ...BACKEND, "backend/app/core/settings.py": 'ENV = "production"\nAPI_V1 = "/api/v1"\n' }), FACTS);
  if (!reading.ok) throw new Error(reading.decline.reason);
  expect(reading.value.routes.map((r) => `${r.method} ${r.path} ${r.guards.join(",")}`)).toEqual(["GET /api/v1/items/ get_current_user", "GET /api/v1/private/ "]);
  expect(reading.value.guards[0]).toMatchObject({ name: "get_current_user", scheme: "bearer", file: "backend/app/api/deps.py" });
  const resource = { names: names(["tag"], ["tags"]), basePath: "/api/v1/tags", idName: "id", idType: "integer" as const, fields: [field("label", "string", true)], store: "new" as const };
  const blueprint = crud({ resource, roles: ["list"], auth: { required: true, guard: "get_current_user" }, notFound: repoError(404, "Tag not found") });
  const result = await reading.value.write(blueprint, [testCase("GET /api/v1/tags lists tags", step("GET", ["api", "v1", "tags"], [status(200)], { auth: "valid" }))]);
  if (!result.ok) throw new Error(result.decline.reason);
  return result.value;
}

function text(w: Written, path: string): string {
  const change = [...w.code, ...w.tests].find((c) => c.path === path);
  return change && "content" in change ? change.content : "";
}

describe("writing into a backend folder run from inside", () => {
  it("imports the new module the way the others are imported and includes it unconditionally", async () => {
    const w = await written();
    const main = text(w, "backend/app/api/main.py");
    expect(main).toContain("from app.api.routes import items, private, tags\n");
    expect(main).toContain("api_router.include_router(items.router)\napi_router.include_router(tags.router)\n\nif settings.ENV");
  });

  it("reuses the dependency alias as the existing routes do, and the tests' header fixture", async () => {
    const w = await written();
    const module = text(w, "backend/app/api/routes/tags.py");
    expect(module).toContain("from app.api.deps import CurrentUser\n");
    expect(module).toContain('router = APIRouter(prefix="/tags", tags=["tags"])');
    expect(module).toContain("def list_tags(current_user: CurrentUser) -> list[dict]:");
    expect(text(w, "backend/tests/api/routes/test_tags.py")).toBe(
      'def test_get_api_v1_tags_lists_tags(client, token_headers):\n    response = client.get("/api/v1/tags", headers=token_headers)\n    assert response.status_code == 200\n',
    );
  });
});
