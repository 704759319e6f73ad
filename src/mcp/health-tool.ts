import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { sql } from "kysely";
import type { McpDependencies } from "./deps.js";
import { jsonResult } from "./tool-result.js";

export function registerHealthTool(server: McpServer, { db, scope }: McpDependencies): void {
  server.registerTool(
    "health_check",
    {
      title: "Health check",
      description: "Whether Archon's server and database answer, and which installation (and repositories) this connection sees.",
      inputSchema: {},
      annotations: { readOnlyHint: true },
    },
    async () => {
      let database = "ok";
      try {
        await sql`select 1`.execute(db);
      } catch (error) {
        database = `unavailable: ${error instanceof Error ? error.message : String(error)}`;
      }
      return jsonResult({
        status: database === "ok" ? "healthy" : "degraded",
        database,
        installation: scope.installationId,
        repositories: scope.repositories ?? "all",
        time: new Date().toISOString(),
      });
    },
  );
}
