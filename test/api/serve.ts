import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** A real HTTP server on a free port, trying each handler in turn as Probot's server does. */
export async function serve(...handlers: Handler[]): Promise<TestServer> {
  const server = createServer(async (req, res) => {
    for (const handler of handlers) {
      if (await handler(req, res)) return;
    }
    res.statusCode = 404;
    res.end("not here");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
