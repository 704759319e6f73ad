import nock from "nock";
import { describe, expect, it } from "vitest";
import { allowsSteering, createPermissionChecker } from "../../src/github/permissions.js";
import { API, testOctokit, useNock } from "./octokit.js";

describe("allowsSteering", () => {
  it.each([
    [{ permission: "admin", role_name: "admin" }, true],
    [{ permission: "write", role_name: "maintain" }, true],
    [{ permission: "write", role_name: "write" }, true],
    [{ permission: "write", role_name: "release-manager" }, true],
    [{ permission: "read", role_name: "triage" }, false],
    [{ permission: "read", role_name: "read" }, false],
    [{ permission: "none", role_name: "" }, false],
  ])("%j → %s", (permission, expected) => {
    expect(allowsSteering(permission)).toBe(expected);
  });
});

describe("createPermissionChecker", () => {
  useNock();
  const octokit = testOctokit();
  const path = (user: string) => `/repos/acme/api/collaborators/${user}/permission`;

  it("asks GitHub once per repository and user until the entry expires", async () => {
    let clock = 0;
    const checker = createPermissionChecker({ ttlMs: 60_000, now: () => clock });
    const scope = nock(API)
      .get(path("ada"))
      .reply(200, { permission: "write", role_name: "write" })
      .get(path("ada"))
      .reply(200, { permission: "read", role_name: "read" });

    expect(await checker.canSteer(octokit, "acme", "api", "ada")).toBe(true);
    clock = 59_999;
    expect(await checker.canSteer(octokit, "Acme", "API", "Ada")).toBe(true);
    clock = 60_000;
    expect(await checker.canSteer(octokit, "acme", "api", "ada")).toBe(false);
    scope.done();
  });

  it("treats a non-collaborator as not allowed and retries after a failure", async () => {
    const checker = createPermissionChecker({ now: () => 0 });
    const scope = nock(API)
      .get(path("mallory"))
      .reply(404, { message: "Not Found" })
      .get(path("grace"))
      .reply(403, { message: "Resource not accessible by integration" })
      .get(path("grace"))
      .reply(200, { permission: "admin", role_name: "admin" });

    expect(await checker.canSteer(octokit, "acme", "api", "mallory")).toBe(false);
    expect(await checker.canSteer(octokit, "acme", "api", "mallory")).toBe(false);
    await expect(checker.canSteer(octokit, "acme", "api", "grace")).rejects.toMatchObject({ status: 403 });
    expect(await checker.canSteer(octokit, "acme", "api", "grace")).toBe(true);
    scope.done();
  });
});
