import net from "node:net";

function reachable(url: string, defaultPort: number): Promise<string | undefined> {
  const u = new URL(url);
  const port = Number(u.port || defaultPort);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port, timeout: 3_000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(`${u.hostname}:${port} did not answer within 3 s`);
    });
    socket.once("error", (error) => resolve(`${u.hostname}:${port}: ${error.message}`));
  });
}

/** Set but unreachable services are a failure, never a silent skip. */
export default async function setup(): Promise<void> {
  const problems: string[] = [];
  const dbUrl = process.env.TEST_DATABASE_URL;
  const redisUrl = process.env.TEST_REDIS_URL;
  if (dbUrl) {
    const p = await reachable(dbUrl, 5432);
    if (p) problems.push(`TEST_DATABASE_URL is set but PostgreSQL is unreachable: ${p}`);
  }
  if (redisUrl) {
    const p = await reachable(redisUrl, 6379);
    if (p) problems.push(`TEST_REDIS_URL is set but Redis is unreachable: ${p}`);
  }
  if (problems.length > 0) throw new Error(problems.join("\n"));
}
