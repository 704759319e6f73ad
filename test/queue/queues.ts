import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { createMemoryQueue } from "../../src/queue/memory-queue.js";
import type { Queue } from "../../src/queue/queue.js";
import { type RedisStreamsQueue, createRedisStreamsQueue } from "../../src/queue/redis-streams-queue.js";

export interface TestQueueBackend {
  name: "memory" | "redis";
  /** A queue on a stream of its own; close() removes the stream and its dead letters. */
  open(): Promise<Queue>;
}

export function randomStream(): string {
  return `test:${randomBytes(6).toString("hex")}`;
}

/** The in-process queue always; Redis Streams too when TEST_REDIS_URL is set. */
export function testQueues(): TestQueueBackend[] {
  const backends: TestQueueBackend[] = [{ name: "memory", open: async () => createMemoryQueue() }];
  const url = process.env.TEST_REDIS_URL;
  if (url) backends.push({ name: "redis", open: () => openRedisQueue(url) });
  return backends;
}

/** `owner` removes the streams on close; others just disconnect, like a process that dies. */
export async function openRedisQueue(url: string, stream = randomStream(), owner = true): Promise<RedisStreamsQueue> {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  const queue = createRedisStreamsQueue({ redis, stream, keyPrefix: "archon-test:" });
  await queue.ensureGroup();
  if (!owner) return queue;
  return {
    ...queue,
    async close() {
      const cleaner = new Redis(url);
      await cleaner.del(queue.stream, queue.deadStream);
      await cleaner.quit();
      await queue.close();
    },
  };
}

/** Polls until `check` holds; a bound on waiting, not an assertion about time. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
