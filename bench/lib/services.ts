import { Redis } from "ioredis";
import pg from "pg";

const DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";
const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

export interface RealServices {
  databaseUrl?: string | undefined;
  redisUrl?: string | undefined;
  /** Why a service is missing, for the "skipped" notes. */
  missing: string[];
  versions: { postgres?: string | undefined; redis?: string | undefined };
}

async function postgresVersion(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>("show server_version");
    return rows[0]?.server_version;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function redisVersion(url: string): Promise<string | undefined> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    const info = await redis.info("server");
    return /redis_version:(\S+)/.exec(info)?.[1];
  } catch {
    return undefined;
  } finally {
    redis.disconnect();
  }
}

/**
 * The real PostgreSQL and Redis the benchmarks run against: DATABASE_URL / REDIS_URL, else the
 * TEST_ variables, else the local defaults, each kept only when it answers.
 */
export async function findRealServices(env: NodeJS.ProcessEnv = process.env): Promise<RealServices> {
  const databaseUrl = env.DATABASE_URL ?? env.TEST_DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const redisUrl = env.REDIS_URL ?? env.TEST_REDIS_URL ?? DEFAULT_REDIS_URL;
  const [postgres, redis] = await Promise.all([postgresVersion(databaseUrl), redisVersion(redisUrl)]);
  const missing: string[] = [];
  if (!postgres) missing.push(`PostgreSQL does not answer at ${new URL(databaseUrl).host}`);
  if (!redis) missing.push(`Redis does not answer at ${new URL(redisUrl).host}`);
  return {
    databaseUrl: postgres ? databaseUrl : undefined,
    redisUrl: redis ? redisUrl : undefined,
    missing,
    versions: { postgres, redis },
  };
}
