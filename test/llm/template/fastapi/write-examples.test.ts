import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import type { FileChange } from "../../../../src/domain/forge.js";
import { fastapi } from "../../../../src/llm/template/frameworks/fastapi/index.js";
import type { Written } from "../../../../src/llm/template/frameworks/framework.js";
import { FIXTURES_DIR, fsRepoView } from "../../../support/fs-repo-view.js";
import { contactsExample, type Example, greetingExample, itemsExample, listingsExample, notesExample, shoutExample, todosExample, versionExample, wordExample } from "./examples.js";
import { FACTS } from "./memory-repo.js";
import { applied, compiles, pytest } from "./run-pytest.js";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function write(example: Example): Promise<Written> {
  const reading = await fastapi.read(fsRepoView(`${FIXTURES_DIR}/${example.fixture}`), FACTS);
  if (!reading.ok) throw new Error(reading.decline.reason);
  const written = await reading.value.write(example.blueprint, example.cases);
  if (!written.ok) throw new Error(written.decline.reason);
  return written.value;
}

function summary(changes: FileChange[]): string[] {
  return changes.map((change) => `${change.action} ${change.path}`);
}

function content(changes: FileChange[], path: string): string {
  const change = changes.find((c) => c.path === path);
  if (!change || change.action === "delete") throw new Error(`no change to ${path}`);
  return change.content;
}

/** Applies the change to a copy of the fixture, compiles every file it writes, runs pytest, and reads the result back. */
async function verify(example: Example, written: Written): Promise<{ routes: string[]; output: string }> {
  const changes = [...written.code, ...written.tests];
  const dir = await applied(example.fixture, changes);
  dirs.push(dir);
  const compiled = await compiles(dir, changes.map((change) => change.path).filter((path) => path.endsWith(".py")));
  expect(compiled.output).toBe("");
  const run = await pytest(dir);
  expect(run.output).toMatch(/passed/);
  expect(run.ok, run.output).toBe(true);
  const reread = await fastapi.read(fsRepoView(dir), FACTS);
  if (!reread.ok) throw new Error(reread.decline.reason);
  return { routes: reread.value.routes.map((route) => `${route.method} ${route.path}`), output: run.output };
}

describe("writing into an app factory with nested routers", () => {
  it("adds listings as a new router included from the /api router, behind the token header", async () => {
    const example = listingsExample();
    const written = await write(example);
    expect(summary(written.code)).toEqual([
      "modify fastapi_skeleton/api/routes/router.py",
      "create fastapi_skeleton/api/routes/listings.py",
      "create fastapi_skeleton/models/listing.py",
    ]);
    expect(summary(written.tests)).toEqual(["create tests/test_api/test_listings.py"]);
    const router = content(written.code, "fastapi_skeleton/api/routes/router.py");
    expect(router).toContain("from fastapi_skeleton.api.routes import heartbeat, listings, prediction\n");
    expect(router).toContain('api_router.include_router(prediction.router, tags=["prediction"], prefix="/model")\napi_router.include_router(listings.router, tags=["listings"], prefix="/listings")\n');
    const module = content(written.code, "fastapi_skeleton/api/routes/listings.py");
    expect(module).toContain("authenticated: bool = Depends(security.validate_request)");
    expect(module).toContain("from fastapi_skeleton.core import security\n");
    expect(module).toContain('@router.delete("/{listing_id}", status_code=204)');
    expect(content(written.tests, "tests/test_api/test_listings.py")).toContain('headers={"token": str(config.API_KEY)}');
    expect(written.testNames).toEqual(example.cases.map((c) => c.name));
    expect(written.notes).toContain("Included the new router `fastapi_skeleton/api/routes/listings.py` in `fastapi_skeleton/api/routes/router.py` under `/listings`, so it answers at `/api/listings`.");
    expect(written.notes).toContain("Protected every new route with `security.validate_request` as a parameter, as `/api/model/predict` is.");
    const { routes } = await verify(example, written);
    expect(routes).toEqual(expect.arrayContaining(["GET /api/listings", "POST /api/listings", "GET /api/listings/:listing_id", "PUT /api/listings/:listing_id", "DELETE /api/listings/:listing_id"]));
  });

  it("puts a custom endpoint next to the heartbeat, with a response model beside the mirrored one", async () => {
    const example = versionExample();
    const written = await write(example);
    expect(summary(written.code)).toEqual(["modify fastapi_skeleton/models/heartbeat.py", "modify fastapi_skeleton/api/routes/heartbeat.py"]);
    expect(content(written.code, "fastapi_skeleton/models/heartbeat.py")).toContain("class VersionResult(BaseModel):\n    app_name: str\n    version: str\n");
    const module = content(written.code, "fastapi_skeleton/api/routes/heartbeat.py");
    expect(module).toContain("from fastapi_skeleton.core.config import APP_NAME, APP_VERSION\n");
    expect(module).toContain('@router.get("/version", response_model=VersionResult, name="version")\ndef get_version() -> VersionResult:\n    return VersionResult(app_name=APP_NAME, version=APP_VERSION)\n');
    expect(summary(written.tests)).toEqual(["create tests/test_api/test_version.py"]);
    const { routes } = await verify(example, written);
    expect(routes).toContain("GET /api/health/version");
  });

  it("checks stated 400 and 404 answers in the handler instead of leaving them to pydantic", async () => {
    const example = contactsExample();
    const written = await write(example);
    const module = content(written.code, "fastapi_skeleton/api/routes/contacts.py");
    expect(module).toContain('if name is None:\n        return JSONResponse(status_code=400, content={"error": "name is required"})');
    expect(module).toContain('if isinstance(email, str) and "@" not in email:');
    expect(module).toContain('return JSONResponse(status_code=404, content={"error": "Contact not found"})');
    const { routes } = await verify(example, written);
    expect(routes).toContain("POST /api/contacts");
  });
});

describe("writing into a flat views router", () => {
  it("mirrors api_a: logic in app/apis/api_c, the view in views.py, the tests appended with the token fixture", async () => {
    const example = wordExample();
    const written = await write(example);
    expect(summary(written.code)).toEqual(["create app/apis/api_c/mainmod.py", "create app/apis/api_c/__init__.py", "modify app/routes/views.py"]);
    expect(summary(written.tests)).toEqual(["modify app/tests/test_apis.py"]);
    const views = content(written.code, "app/routes/views.py");
    expect(views).toContain("from app.apis.api_c.mainmod import main_func as main_func_c\n");
    expect(views).toContain("@router.get('/api_c/{word}', tags=['api_c'])\nasync def view_c(\n    word: str = Path(..., max_length=32),\n    auth: Depends = Depends(get_current_user),\n) -> Dict[str, Any]:\n    return main_func_c(word)\n");
    expect(content(written.code, "app/apis/api_c/mainmod.py")).toContain("def main_func(word: str) -> Dict[str, Any]:\n    return {\n        'word': word,");
    const tests = content(written.tests, "app/tests/test_apis.py");
    expect(tests.startsWith("import pytest\nfrom fastapi.testclient import TestClient\n")).toBe(true);
    expect(tests).toContain("def test_api_b(api_token):");
    expect(tests).toContain("def test_get_api_c_word_describes_the_word(api_token):");
    expect(tests).toContain("headers={'Accept': 'application/json', 'Authorization': api_token}");
    const { routes, output } = await verify(example, written);
    expect(routes).toContain("GET /api_c/:word");
    expect(output).toMatch(/6 passed/);
  });
});

describe("writing into an app built by create_app", () => {
  it("adds notes in their own module, included inside the factory, with the bearer guard and a PATCH that applies only sent fields", async () => {
    const example = notesExample();
    const written = await write(example);
    expect(summary(written.code)).toEqual(["modify app/main.py", "create app/routers/notes.py"]);
    expect(content(written.code, "app/main.py")).toContain("from .routers import items, notes\n");
    expect(content(written.code, "app/main.py")).toContain("    application.include_router(items.router)\n    application.include_router(notes.router)\n    return application\n");
    const module = content(written.code, "app/routers/notes.py");
    expect(module).toContain('router = APIRouter(prefix="/notes", tags=["notes"])');
    expect(module).toContain("from ..security import get_current_user\n");
    expect(module).toContain("note.update(jsonable_encoder(payload, exclude_unset=True))");
    expect(module).toContain("    body: Optional[str] = None\n");
    const { routes } = await verify(example, written);
    expect(routes).toEqual(expect.arrayContaining(["GET /notes", "POST /notes", "PATCH /notes/:note_id", "DELETE /notes/:note_id"]));
  });

  it("extends the items collection on its own store and appends to its test file", async () => {
    const example = itemsExample();
    const written = await write(example);
    expect(summary(written.code)).toEqual(["modify app/routers/items.py"]);
    expect(summary(written.tests)).toEqual(["modify tests/test_items.py"]);
    const module = content(written.code, "app/routers/items.py");
    expect(module).toContain("    item = _items.get(item_id)\n");
    expect(module).toContain("def update_item(\n    item_id: int,\n    body: ItemPatch,\n");
    expect(written.notes).toContain("The new routes use the same in-memory `_items` as the existing ones.");
    await verify(example, written);
  });
});

describe("writing into a single-module app", () => {
  it("extends a list store behind a router with its own prefix", async () => {
    const example = todosExample();
    const written = await write(example);
    expect(content(written.code, "app/routers/todos.py")).toContain('todo = next((item for item in todos if item["id"] == todo_id), None)');
    await verify(example, written);
  });

  it("adds custom endpoints to main.py next to the app's own routes", async () => {
    const example = greetingExample();
    const written = await write(example);
    expect(summary(written.code)).toEqual(["modify app/main.py"]);
    const main = content(written.code, "app/main.py");
    expect(main).toContain('@app.get("/greeting")\ndef get_greeting(name: str = "World") -> dict[str, Any]:\n    if len(name) > 50:\n');
    expect(main).toContain('return {"greeting": f"Hello, {name}!"}');
    expect(main).toContain("_STARTED = time.monotonic()");
    expect(main).toContain('        "double": (1 + 2) * 2,\n');
    await verify(example, written);
  });

  it("gives a custom POST a body model and declares a required query parameter with its bound", async () => {
    const example = shoutExample();
    const written = await write(example);
    const main = content(written.code, "app/main.py");
    expect(main).toContain("class ShoutIn(BaseModel):\n    text: str = Field(..., max_length=10)\n");
    expect(main).toContain('def post_shout(payload: ShoutIn, times: int = Query(..., ge=1)) -> dict[str, Any]:\n    return {\n        "shout": payload.text.upper(),\n');
    await verify(example, written);
  });
});

describe("tests that can fail", () => {
  it("fails pytest when an expectation is wrong", async () => {
    const example = versionExample(true);
    const written = await write(example);
    const dir = await applied(example.fixture, [...written.code, ...written.tests]);
    dirs.push(dir);
    const run = await pytest(dir);
    expect(run.ok).toBe(false);
    expect(run.output).toContain("FAILED tests/test_api/test_version.py::test_get_api_health_version_answers_the_app_name_and_version");
  });
});
