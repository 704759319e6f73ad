import net from "node:net";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { QueueUnavailableError, createQueue } from "../../src/queue/create-queue.js";
import { randomStream } from "./queues.js";

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe("createQueue", () => {
  it("uses the in-process queue without a Redis URL", async () => {
    const queue = await createQueue({});
    expect(queue.kind).toBe("memory");
    await queue.close();
  });

  it("names host and port and what to check when Redis does not answer", async () => {
    const port = await closedPort();
    const error = await createQueue({ redisUrl: `redis://127.0.0.1:${port}/3`, connectTimeoutMs: 1_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QueueUnavailableError);
    const message = (error as Error).message;
    expect(message).toContain(`Cannot reach Redis at 127.0.0.1:${port}/3`);
    expect(message).toContain("REDIS_URL");
    expect(message).toContain("unset REDIS_URL");
  });

  it.runIf(process.env.TEST_REDIS_URL)("uses Redis Streams with a URL", async () => {
    const url = process.env.TEST_REDIS_URL!;
    const stream = randomStream();
    const queue = await createQueue({ redisUrl: url, stream, keyPrefix: "archon-test:" });
    expect(queue.kind).toBe("redis");
    await queue.ping();
    // The consumer group exists from the start, so entries published before any worker reads are kept.
    const redis = new Redis(url);
    const groups = (await redis.xinfo("GROUPS", `archon-test:${stream}`)) as unknown[][];
    expect(groups).toHaveLength(1);
    await redis.del(`archon-test:${stream}`);
    await redis.quit();
    await queue.close();
  });
});
