import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { Logger } from "pino";
import type { NodeHandler } from "../api/create-api-handler.js";
import type { TaskCommands } from "../api/ports.js";
import { authenticateRequest } from "../auth/authenticate-request.js";
import type { Db } from "../db/database.js";
import { createMcpServer } from "./create-mcp-server.js";

export interface McpHandlerDependencies {
  db: Db;
  jwtSecret: string | undefined;
  tasks: TaskCommands;
  logger: Pick<Logger, "error">;
}

function reply(res: Parameters<NodeHandler>[1], status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Streamable HTTP at `/mcp`, stateless: every POST carries a bearer token (audience archon-mcp)
 * and gets a server of its own for that token's scope, so no session outlives its request and any
 * `archon serve` process can answer any request.
 */
export function createMcpHandler(deps: McpHandlerDependencies): NodeHandler {
  return async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/mcp") return false;
    const auth = await authenticateRequest(req.headers, deps.jwtSecret, "archon-mcp");
    if (!auth.ok) {
      reply(res, auth.status, { error: { code: auth.status === 503 ? "unavailable" : "unauthorized", message: auth.message } }, auth.headers);
      return true;
    }
    if (req.method !== "POST") {
      // Without sessions there is no stream to resume (GET) or session to end (DELETE).
      reply(res, 405, { jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed: this server is stateless, use POST" }, id: null }, { allow: "POST" });
      return true;
    }
    const server = createMcpServer({ db: deps.db, scope: auth.scope, tasks: deps.tasks });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res);
    } catch (error) {
      deps.logger.error({ err: error }, "MCP request failed");
      if (!res.headersSent) reply(res, 500, { jsonrpc: "2.0", error: { code: -32603, message: "Internal error" }, id: null });
    }
    return true;
  };
}
