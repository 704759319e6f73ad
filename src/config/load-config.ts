import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { defaultDataDir } from "./data-dir.js";
import { Env } from "./schema.js";

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Archon cannot start: the configuration is invalid.\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export interface Config extends Omit<Env, "ARCHON_DATA_DIR"> {
  /** Absolute: ARCHON_DATA_DIR resolved against the current folder, or the per-user default. */
  ARCHON_DATA_DIR: string;
  /** The App's private key, read from PRIVATE_KEY or PRIVATE_KEY_PATH. */
  privateKey: string | undefined;
  /** True when APP_ID, a private key and WEBHOOK_SECRET are all set. */
  githubApp: boolean;
}

function describe(issue: z.core.$ZodIssue, source: Record<string, string | undefined>): string {
  const name = String(issue.path[0] ?? "environment");
  const got = source[name];
  const shown = got === undefined ? "unset" : `got ${JSON.stringify(name.includes("KEY") || name.includes("SECRET") ? "***" : got)}`;
  return `${name}: ${issue.message} (${shown})`;
}

/** Parses the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(source);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => describe(i, source));
  if (!parsed.success) throw new ConfigError(problems);
  const env = parsed.data;
  let privateKey = env.PRIVATE_KEY?.replace(/\\n/g, "\n");
  if (!privateKey && env.PRIVATE_KEY_PATH) {
    try {
      privateKey = readFileSync(env.PRIVATE_KEY_PATH, "utf8");
    } catch (error) {
      problems.push(`PRIVATE_KEY_PATH: cannot read ${env.PRIVATE_KEY_PATH} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
  }
  const appParts = [env.APP_ID, privateKey, env.WEBHOOK_SECRET];
  const some = appParts.some((v) => v !== undefined);
  if (some && !appParts.every((v) => v !== undefined)) {
    if (env.APP_ID === undefined) problems.push("APP_ID: expected the GitHub App id when other App credentials are set (unset)");
    if (privateKey === undefined) problems.push("PRIVATE_KEY: expected the App's PEM key, or PRIVATE_KEY_PATH (unset)");
    if (env.WEBHOOK_SECRET === undefined) problems.push("WEBHOOK_SECRET: expected the App's webhook secret (unset)");
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const dataDir = path.resolve(env.ARCHON_DATA_DIR ?? defaultDataDir(source));
  return { ...env, ARCHON_DATA_DIR: dataDir, privateKey, githubApp: some };
}
