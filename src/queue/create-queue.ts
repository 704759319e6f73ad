import { Redis } from "ioredis";
import { errorMessage } from "./logger.js";
import { createMemoryQueue } from "./memory-queue.js";
import type { Queue } from "./queue.js";
import { createRedisStreamsQueue } from "./redis-streams-queue.js";

export interface CreateQueueOptions {
  /** redis:// or rediss:// URL; unset means the in-process queue. */
  redisUrl?: string | undefined;
  /** Stream name (ARCHON_STREAM). */
  stream?: string;
  group?: string;
  keyPrefix?: string;
  /** How long to wait for Redis to answer at start-up. */
  connectTimeoutMs?: number;
}

export class QueueUnavailableError extends Error {
  constructor(
    readonly location: string,
    cause: unknown,
  ) {
    super(
      `Cannot reach Redis at ${location}: ${errorMessage(cause)}. Check that Redis is running there, that REDIS_URL ` +
        `(host, port, password, database number) is right and that a firewall does not block the port; or unset ` +
        `REDIS_URL to use the in-process queue (one process only).`,
    );
    this.name = "QueueUnavailableError";
  }
}

function describeUrl(url: string): string {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? u.pathname : "";
  return `${u.hostname}:${u.port || "6379"}${db}`;
}

/**
 * The queue for this configuration: Redis Streams when a URL is given (checked at once, with the
 * consumer group created), else the in-process queue.
 */
export async function createQueue(options: CreateQueueOptions = {}): Promise<Queue> {
  const stream = options.stream ?? "archon:jobs";
  if (!options.redisUrl) return createMemoryQueue();
  const location = describeUrl(options.redisUrl);
  const timeout = options.connectTimeoutMs ?? 5_000;
  const redis = new Redis(options.redisUrl, {
    lazyConnect: true,
    connectTimeout: timeout,
    // Fail start-up fast instead of queueing commands while reconnecting forever.
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(times * 200, 5_000),
  });
  let lastError: unknown;
  redis.on("error", (error) => (lastError = error));
  try {
    await withTimeout(redis.connect(), timeout);
    await withTimeout(redis.ping(), timeout);
  } catch (error) {
    redis.disconnect();
    throw new QueueUnavailableError(location, lastError ?? error);
  }
  const queue = createRedisStreamsQueue({
    redis,
    stream,
    ...(options.group ? { group: options.group } : {}),
    ...(options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}),
  });
  await queue.ensureGroup();
  return queue;
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
