import { describe, expect, it } from "vitest";
import { readFastapiRepo } from "../../../../src/llm/template/frameworks/fastapi/read-fastapi.js";
import type { FastapiRepo } from "../../../../src/llm/template/frameworks/fastapi/fastapi-repo.js";
import { FIXTURES_DIR, fsRepoView } from "../../../support/fs-repo-view.js";

async function repo(fixture: string): Promise<FastapiRepo> {
  const result = await readFastapiRepo(fsRepoView(`${FIXTURES_DIR}/${fixture}`));
  if (!result.ok) throw new Error(result.decline.reason);
  return result.value;
}

describe("reading how the tests reach the app", () => {
  it("finds a conftest fixture that yields a TestClient, and the headers guarded calls send", async () => {
    const read = await repo("fastapi-factory-nested");
    expect(read.tests.fixtures.map((f) => [f.name, f.module.path, f.client])).toEqual([["test_client", "tests/conftest.py", true]]);
    expect(read.tests.modules.map((m) => m.path)).toEqual(["tests/test_api/test_heartbeat.py", "tests/test_api/test_prediction.py"]);
    expect(read.authUses.map((use) => ({ guard: use.guard, test: use.test.name, headers: use.headers, fixtures: use.fixtures, names: use.names }))).toEqual([
      { guard: "security.validate_request", test: "test_prediction", headers: '{"token": str(config.API_KEY)}', fixtures: [], names: ["config"] },
    ]);
  });

  it("finds a module-level client and the token fixture guarded calls take", async () => {
    const read = await repo("fastapi-flat-views");
    expect([...read.tests.moduleClients.entries()].map(([module, name]) => [module.path, name])).toEqual([["app/tests/test_apis.py", "client"]]);
    expect(read.tests.fixtures.map((f) => [f.name, f.client])).toEqual([["api_token", false]]);
    const use = read.authUses[0]!;
    expect(use).toMatchObject({ guard: "get_current_user", headers: "{'Accept': 'application/json', 'Authorization': api_token}", fixtures: ["api_token"], names: [] });
    // The call without a token expects 401, so it is no model for authenticated requests.
    expect(read.authUses.map((u) => u.test.name)).toEqual(["test_api_a", "test_api_b"]);
  });

  it("finds fixtures for the client and for the headers", async () => {
    const read = await repo("fastapi-attr-app");
    expect(read.tests.fixtures.map((f) => [f.name, f.client])).toEqual([
      ["client", true],
      ["auth_headers", false],
    ]);
    expect(read.authUses[0]).toMatchObject({ guard: "get_current_user", headers: "auth_headers", fixtures: ["auth_headers"] });
  });

  it("reads the style the code is written in", async () => {
    expect((await repo("fastapi-flat-views")).style).toMatchObject({ quote: "'", imports: "absolute", asyncHandlers: true, responseModels: false, returnAnnotations: true });
    expect((await repo("fastapi-attr-app")).style).toMatchObject({ quote: '"', imports: "relative", optional: "Optional", generics: "typing", responseModels: true });
    expect((await repo("fastapi-pytest")).style).toMatchObject({ generics: "builtin" });
  });

  it("takes pydantic's major version from the pins", async () => {
    expect((await repo("fastapi-factory-nested")).major).toBe(1);
    expect((await repo("fastapi-flat-views")).major).toBe(1);
    expect((await repo("fastapi-pytest")).major).toBe(2);
  });
});
