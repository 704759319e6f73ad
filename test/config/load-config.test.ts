import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultDataDir } from "../../src/config/data-dir.js";
import { ConfigError, loadConfig } from "../../src/config/load-config.js";

describe("loadConfig", () => {
  it("gives the embedded defaults for an empty environment", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, ARCHON_DATA_DIR: defaultDataDir({}), ARCHON_PROVIDER: "template", githubApp: false });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  it("keeps the data in one place per user, whatever the current folder, unless ARCHON_DATA_DIR says otherwise", () => {
    expect(loadConfig({}).ARCHON_DATA_DIR).toBe(path.resolve(defaultDataDir({})));
    expect(loadConfig({ XDG_DATA_HOME: "/data/me" }).ARCHON_DATA_DIR).toBe(path.resolve("/data/me/archon"));
    expect(loadConfig({ ARCHON_DATA_DIR: "/srv/archon", XDG_DATA_HOME: "/data/me" }).ARCHON_DATA_DIR).toBe(path.resolve("/srv/archon"));
    expect(loadConfig({ ARCHON_DATA_DIR: "state" }).ARCHON_DATA_DIR).toBe(path.resolve(process.cwd(), "state"));
    expect(loadConfig({ ARCHON_DATA_DIR: "  " }).ARCHON_DATA_DIR).toBe(path.resolve(defaultDataDir({})));
  });

  it.each([
    ["linux", {}, "/home/ann", "/home/ann/.local/share/archon"],
    ["linux", { XDG_DATA_HOME: "/xdg" }, "/home/ann", "/xdg/archon"],
    ["linux", { XDG_DATA_HOME: "relative/ignored" }, "/home/ann", "/home/ann/.local/share/archon"],
    ["darwin", {}, "/Users/ann", "/Users/ann/.local/share/archon"],
    ["win32", { LOCALAPPDATA: "C:\\Users\\ann\\AppData\\Local" }, "C:\\Users\\ann", "C:\\Users\\ann\\AppData\\Local\\archon"],
    ["win32", {}, "C:\\Users\\ann", "C:\\Users\\ann\\AppData\\Local\\archon"],
  ] as const)("defaults the data directory on %s with %j to %s", (platform, env, home, expected) => {
    expect(defaultDataDir(env, platform, home)).toBe(expected);
  });

  it("names every bad variable in one message, without echoing secrets", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "x", DATABASE_URL: "mysql://h/db", REDIS_URL: "nope", ARCHON_JWT_SECRET: "short", LOG_LEVEL: "loud" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ["PORT", "DATABASE_URL", "REDIS_URL", "ARCHON_JWT_SECRET", "LOG_LEVEL"]) expect(message).toContain(`${name}:`);
    expect(message).toContain("postgres://");
    expect(message).not.toContain("short");
    expect((error as ConfigError).problems).toHaveLength(5);
  });

  it("asks for the missing App credentials when only some are set", () => {
    expect(() => loadConfig({ APP_ID: "12" })).toThrow(/PRIVATE_KEY[\s\S]*WEBHOOK_SECRET/);
  });

  it("reads the private key from PRIVATE_KEY with escaped newlines", () => {
    const config = loadConfig({ APP_ID: "1", PRIVATE_KEY: "-----BEGIN-----\\nabc\\n-----END-----", WEBHOOK_SECRET: "s" });
    expect(config.privateKey).toBe("-----BEGIN-----\nabc\n-----END-----");
    expect(config.githubApp).toBe(true);
  });

  it("reports an unreadable PRIVATE_KEY_PATH", () => {
    expect(() => loadConfig({ APP_ID: "1", PRIVATE_KEY_PATH: "/nonexistent/key.pem", WEBHOOK_SECRET: "s" })).toThrow(
      /PRIVATE_KEY_PATH: cannot read \/nonexistent\/key.pem \(ENOENT\)/,
    );
  });
});
