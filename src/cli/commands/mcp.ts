import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Command } from "commander";
import { localScope } from "../../auth/local-scope.js";
import { verifyToken } from "../../auth/token.js";
import { loadConfig } from "../../config/load-config.js";
import { createMcpServer } from "../../mcp/create-mcp-server.js";
import { createQueue } from "../../queue/create-queue.js";
import { createOrchestratorTaskCommands } from "../../worker/orchestrator-task-commands.js";
import { openRuntime } from "../../app/runtime.js";

/**
 * `archon mcp`: the MCP server on stdin/stdout for editors. The scope comes from ARCHON_TOKEN
 * (audience archon-mcp); stdout carries only protocol messages, logs go to stderr.
 */
export function registerMcpCommand(program: Command): void {
  program
    .command("mcp")
    .description("Serve MCP over stdio for editors; scope from the token in ARCHON_TOKEN (audience archon-mcp)")
    .action(async () => {
      // The token is checked before the database opens, so a bad one fails at once.
      const secret = loadConfig().ARCHON_JWT_SECRET;
      const token = process.env.ARCHON_TOKEN;
      if (!secret || !token) {
        program.error(
          "archon mcp needs ARCHON_JWT_SECRET and ARCHON_TOKEN (make one with `archon token create --installation N --audience archon-mcp`).",
          { exitCode: 2 },
        );
      }
      const verified = await verifyToken(secret, token, "archon-mcp");
      if (!verified.ok) program.error(`ARCHON_TOKEN is not usable: ${verified.error.message}.`, { exitCode: 2 });
      const scope = verified.scope;
      const runtime = await openRuntime();
      if (scope.installationId === 0) await localScope(runtime.database.db);
      const db = runtime.database.db;
      // What a command asks for waits in the outbox (and on Redis, when configured) for a worker.
      const queue = await createQueue({ redisUrl: runtime.config.REDIS_URL, stream: runtime.config.ARCHON_STREAM });
      const tasks = createOrchestratorTaskCommands({ db, queue, logger: runtime.logger });
      const server = createMcpServer({ db, scope, tasks });
      const transport = new StdioServerTransport();
      const closed = new Promise<void>((resolve) => {
        transport.onclose = resolve;
        process.stdin.once("end", resolve);
      });
      await server.connect(transport);
      runtime.logger.info({ installation: scope.installationId }, "MCP server ready on stdio");
      await closed;
      await server.close();
      await queue.close();
      await runtime.close();
    });
}
