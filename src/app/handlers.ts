import type { IncomingMessage, ServerResponse } from "node:http";

/** A Probot-style HTTP handler: returns true when it answered the request. */
export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => boolean | void | Promise<boolean | void>;

/** Runs handlers in order until one answers; 404 JSON when none does. */
export function chainHandlers(handlers: HttpHandler[]) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      for (const handler of handlers) if (await handler(req, res)) return;
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "not_found", message: `No route for ${req.method} ${req.url}` } }));
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "internal", message: error instanceof Error ? error.message : "internal error" } }));
    }
  };
}
