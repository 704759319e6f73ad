import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createRunnerToken, formatRunKey, parseRunKey, RUNNER_AUDIENCE, verifyRunnerToken } from "../../src/auth/runner-token.js";
import { verifyToken } from "../../src/auth/token.js";
import { forgeClaims, SECRET, tamper, token } from "../api/tokens.js";

const grant = { installationId: 7, repository: "acme/app", taskId: "12", runKey: "task-12/plan-1/step-3/attempt-2" };

describe("run keys", () => {
  it.each([
    [{ taskId: "12", planVersion: 1, step: 3, attempt: 2 }, "task-12/plan-1/step-3/attempt-2"],
    [{ taskId: "12", planVersion: 2, step: 0, attempt: 1 }, "task-12/plan-2/step-0/attempt-1"],
    [{ taskId: "40", planVersion: 1, step: "round" as const, attempt: 3 }, "task-40/plan-1/round/attempt-3"],
  ])("writes %j as %s and reads it back", (run, text) => {
    expect(formatRunKey(run)).toBe(text);
    expect(parseRunKey(text)).toEqual(run);
  });

  it.each(["", "task-12", "task-12/plan-1/step-x/attempt-1", "task-12/plan-1/round-2", "task-12/plan-1/round/attempt-1/extra"])("refuses %j", (text) => {
    expect(parseRunKey(text)).toBeUndefined();
  });
});

describe("runner tokens", () => {
  it("carry the installation, repository, task and attempt", async () => {
    const jwt = await createRunnerToken(SECRET, { ...grant, ttl: 600 });
    expect(await verifyRunnerToken(SECRET, jwt)).toEqual({ ok: true, grant });
  });

  it("expire with the attempt", async () => {
    const jwt = await createRunnerToken(SECRET, { ...grant, ttl: 60 }, new Date(Date.now() - 120_000));
    const result = await verifyRunnerToken(SECRET, jwt);
    expect(result.ok || result.error.code).toBe("expired");
  });

  it.each([
    ["missing", async () => undefined],
    ["malformed", async () => "a.b.c"],
    ["bad_signature", async () => tamper(await createRunnerToken(SECRET, { ...grant, ttl: 60 }))],
    ["bad_signature", async () => forgeClaims(await createRunnerToken(SECRET, { ...grant, ttl: 60 }), { task: "13" })],
    ["bad_signature", () => createRunnerToken("another-secret-that-is-long-enough-too", { ...grant, ttl: 60 })],
    ["wrong_audience", () => token(7, "archon-api")],
    ["wrong_audience", () => token(7, "archon-mcp")],
  ])("are refused as %s", async (code, make) => {
    const result = await verifyRunnerToken(SECRET, await make());
    expect(result.ok || result.error.code).toBe(code);
  });

  it("are refused when the claims are incomplete or the run key is another task's", async () => {
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setIssuer("archon").setSubject("x").setAudience(RUNNER_AUDIENCE).setIssuedAt().setExpirationTime("1m").sign(new TextEncoder().encode(SECRET));
    for (const claims of [{ inst: 7 }, { inst: 7, repo: "acme/app", task: "13", run: grant.runKey }, { inst: 7, repo: "acme/app", task: "12", run: "attempt-2" }]) {
      const result = await verifyRunnerToken(SECRET, await sign(claims));
      expect(result.ok || result.error.code, JSON.stringify(claims)).toBe("malformed");
    }
  });

  it.each(["archon-api", "archon-mcp"] as const)("are not accepted as %s tokens", async (audience) => {
    const result = await verifyToken(SECRET, await createRunnerToken(SECRET, { ...grant, ttl: 60 }), audience);
    expect(result.ok || result.error.code).toBe("wrong_audience");
  });
});
