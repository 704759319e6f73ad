import { describe, expect, it } from "vitest";
import { fastapi } from "../../../../src/llm/template/frameworks/fastapi/index.js";
import type { RepoReading } from "../../../../src/llm/template/frameworks/framework.js";
import { FACTS, memoryRepo } from "./memory-repo.js";

async function read(files: Record<string, string>): Promise<RepoReading> {
  const result = await fastapi.read(memoryRepo(files), FACTS);
  if (!result.ok) throw new Error(result.decline.reason);
  return result.value;
}

const routes = (reading: RepoReading) => reading.routes.map((route) => `${route.method} ${route.path}`);

describe("reading FastAPI apps of many shapes", () => {
  it("declines in one sentence when nothing creates an app", async () => {
    const result = await fastapi.read(memoryRepo({ "app/util.py": "def helper():\n    return 1\n" }), FACTS);
    expect(result).toEqual({ ok: false, decline: expect.objectContaining({ reason: "I could not find where the FastAPI app is created (no `FastAPI(...)` call)." }) });
  });

  it("follows an aliased import of FastAPI and api_route methods", async () => {
    const reading = await read({
      "main.py": 'from fastapi import FastAPI as F\n\napp = F()\n\n\n@app.api_route("/ping", methods=["GET", "POST"])\ndef ping():\n    return "pong"\n',
    });
    expect(routes(reading)).toEqual(["GET /ping", "POST /ping"]);
  });

  it("resolves a src layout, re-exports through __init__ and prefixes from a settings object and f-strings", async () => {
    const reading = await read({
      "src/svc/__init__.py": "",
      "src/svc/config.py": 'from pydantic import BaseSettings\n\n\nclass Settings(BaseSettings):\n    API_V1_STR: str = "/api/v1"\n\n\nsettings = Settings()\n',
      "src/svc/main.py": 'import fastapi\n\nfrom svc.config import settings\nfrom svc.routes import router\n\napp = fastapi.FastAPI()\napp.include_router(router, prefix=settings.API_V1_STR)\n',
      "src/svc/routes/__init__.py": "from .users import router\n",
      "src/svc/routes/users.py": 'from fastapi import APIRouter\n\nUSERS = "/users"\nrouter = APIRouter(prefix=f"{USERS}")\n\n\n@router.get("/{user_id}")\nasync def get_user(user_id: int):\n    return {"id": user_id}\n',
    });
    expect(routes(reading)).toEqual(["GET /api/v1/users/:user_id"]);
  });

  it("takes guards from router dependencies, include dependencies, Annotated parameters and Header parameters", async () => {
    const reading = await read({
      "app/__init__.py": "",
      "app/deps.py": [
        "from typing import Annotated",
        "",
        "from fastapi import Depends, Header, HTTPException",
        "",
        "",
        'def verify_key(x_api_key: str = Header(...)):',
        '    if x_api_key != "k":',
        "        raise HTTPException(status_code=401)",
        "",
        "",
        "def get_db():",
        "    yield None",
        "",
      ].join("\n"),
      "app/main.py": [
        "from typing import Annotated",
        "",
        "from fastapi import APIRouter, Depends, FastAPI",
        "",
        "from app.deps import get_db, verify_key",
        "",
        "app = FastAPI()",
        "admin = APIRouter(dependencies=[Depends(verify_key)])",
        "public = APIRouter()",
        "",
        "",
        '@admin.get("/stats")',
        "def stats(db=Depends(get_db)):",
        "    return {}",
        "",
        "",
        '@public.get("/me")',
        "def me(key: Annotated[str, Depends(verify_key)]):",
        "    return {}",
        "",
        "",
        '@public.get("/open")',
        "def open_route(db=Depends(get_db)):",
        "    return {}",
        "",
        "",
        'app.include_router(admin, prefix="/admin")',
        "app.include_router(public)",
        "",
      ].join("\n"),
    });
    expect(reading.routes).toEqual([
      { method: "GET", path: "/admin/stats", file: "app/main.py", guards: ["verify_key"] },
      { method: "GET", path: "/me", file: "app/main.py", guards: ["verify_key"] },
      { method: "GET", path: "/open", file: "app/main.py", guards: [] },
    ]);
    expect(reading.guards).toEqual([{ name: "verify_key", file: "app/deps.py", guards: ["/admin/stats", "/me"], scheme: "header", header: "x-api-key" }]);
  });

  it("reads ids, fields with defaults and nullable ones from the models a collection's routes use", async () => {
    const reading = await read({
      "app/__init__.py": "",
      "app/main.py": [
        "from typing import List, Optional",
        "from uuid import UUID",
        "",
        "from fastapi import FastAPI",
        "from pydantic import BaseModel, Field",
        "",
        "app = FastAPI()",
        "",
        "",
        "class Base(BaseModel):",
        "    title: str = Field(..., max_length=20)",
        "",
        "",
        "class BookIn(Base):",
        "    year: Optional[int] = None",
        '    tags: List[str] = []',
        "    pages: int = Field(100, gt=0)",
        "",
        "",
        '@app.post("/books", status_code=201)',
        "def create(book: BookIn):",
        "    return book",
        "",
        "",
        '@app.get("/books/{book_id}")',
        "def get(book_id: UUID):",
        "    return {}",
        "",
      ].join("\n"),
    });
    expect(reading.resources).toEqual([
      {
        basePath: "/books",
        idName: "id",
        idType: "uuid",
        roles: ["create", "get"],
        storeCan: [],
        fields: [
          { name: "title", type: "string", required: true, nullable: false, constraints: { maxLength: 20 }, readOnly: false },
          { name: "year", type: "integer", required: false, nullable: true, constraints: {}, readOnly: false },
          { name: "tags", type: "array", required: false, nullable: false, default: [], constraints: { items: "string" }, readOnly: false },
          { name: "pages", type: "integer", required: false, nullable: false, default: 100, constraints: { minimum: 1 }, readOnly: false },
        ],
      },
    ]);
  });
});
