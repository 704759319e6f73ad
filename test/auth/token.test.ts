import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { bearerToken } from "../../src/auth/bearer.js";
import { parseTtl } from "../../src/auth/ttl.js";
import { createToken, verifyToken } from "../../src/auth/token.js";
import { registerTokenCommand } from "../../src/cli/commands/token.js";
import { forgeClaims, SECRET, tamper } from "../api/tokens.js";

describe("parseTtl", () => {
  it.each([
    ["30d", 30 * 86_400],
    ["12h", 12 * 3600],
    ["15m", 900],
    ["90s", 90],
    ["2w", 14 * 86_400],
    [" 1d ", 86_400],
    ["0d", undefined],
    ["30", undefined],
    ["1y", undefined],
    ["-1d", undefined],
    ["400d", undefined],
    ["d", undefined],
  ])("reads %j as %s seconds", (text, seconds) => {
    expect(parseTtl(text)).toBe(seconds);
  });
});

describe("bearerToken", () => {
  it.each([
    [undefined, undefined],
    ["Bearer abc.def.ghi", "abc.def.ghi"],
    ["bearer abc", "abc"],
    ["Basic dXNlcjpwYXNz", undefined],
    ["Bearer", undefined],
    ["Bearer a b", undefined],
  ])("reads %j as %j", (header, expected) => {
    expect(bearerToken(header === undefined ? {} : { authorization: header })).toBe(expected);
  });
});

describe("verifyToken", () => {
  const now = new Date();
  const make = (overrides: Partial<Parameters<typeof createToken>[1]> = {}, at = now, secret = SECRET) =>
    createToken(secret, { installationId: 7, audience: "archon-api", ttl: 600, ...overrides }, at);

  it("turns a good token into its scope", async () => {
    const result = await verifyToken(SECRET, await make({ repositories: ["acme/app"], subject: "ci-bot" }), "archon-api");
    expect(result).toEqual({ ok: true, scope: { installationId: 7, repositories: ["acme/app"], subject: "ci-bot" } });
  });

  it.each<[string, () => Promise<string | undefined>, string]>([
    ["no token", async () => undefined, "missing"],
    ["garbage", async () => "garbage", "malformed"],
    ["an expired token", () => make({}, new Date(now.getTime() - 3_600_000)), "expired"],
    ["a changed signature", async () => tamper(await make()), "bad_signature"],
    ["changed claims", async () => forgeClaims(await make(), { inst: 8 }), "bad_signature"],
    ["another secret", () => make({}, now, "some-other-secret-of-enough-length!!"), "bad_signature"],
    ["another audience", () => make({ audience: "archon-mcp" }), "wrong_audience"],
  ])("rejects %s as %s", async (_name, token, code) => {
    const result = await verifyToken(SECRET, await token(), "archon-api");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });
});

describe("archon token create", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  function run(args: string[]): { done: Promise<unknown>; output: () => string } {
    const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
    registerTokenCommand(program);
    let out = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    return { done: program.parseAsync(["node", "archon", "token", "create", ...args]), output: () => out };
  }

  it("prints one token with the asked scope, audience and lifetime", async () => {
    vi.stubEnv("ARCHON_JWT_SECRET", SECRET);
    const { done, output } = run(["--installation", "42", "--repo", "acme/app", "--repo", "acme/lib", "--ttl", "12h", "--audience", "archon-mcp", "--subject", "ana"]);
    await done;
    const jwt = output().trim();
    expect(jwt.split(".")).toHaveLength(3);
    const verified = await verifyToken(SECRET, jwt, "archon-mcp");
    expect(verified).toEqual({ ok: true, scope: { installationId: 42, repositories: ["acme/app", "acme/lib"], subject: "ana" } });
    const claims = JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as { exp: number; iat: number; iss: string };
    expect(claims.exp - claims.iat).toBe(12 * 3600);
    expect(claims.iss).toBe("archon");
  });

  it.each([
    [["--installation", "1", "--ttl", "forever"], "expected a lifetime"],
    [["--installation", "one"], "expected an installation id"],
    [["--installation", "1", "--repo", "nope"], "expected owner/name"],
    [["--installation", "1", "--audience", "everyone"], "Allowed choices"],
  ])("rejects %j", async (args, message) => {
    vi.stubEnv("ARCHON_JWT_SECRET", SECRET);
    await expect(run(args).done).rejects.toThrow(message);
  });

  it("says clearly when ARCHON_JWT_SECRET is unset", async () => {
    vi.stubEnv("ARCHON_JWT_SECRET", "");
    await expect(run(["--installation", "1"]).done).rejects.toThrow(/ARCHON_JWT_SECRET is unset/);
  });
});
