import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { McpDependencies } from "./deps.js";
import { registerDocumentTools } from "./document-tools.js";
import { registerHealthTool } from "./health-tool.js";
import { registerProjectTools } from "./project-tools.js";
import { registerResources } from "./resources.js";
import { registerTaskTools } from "./task-tools.js";

export type { McpDependencies } from "./deps.js";

const INSTRUCTIONS = `Archon turns tasks into planned, tested pull requests. Every repository Archon is installed on has a project;
create tasks in it (create_task), follow them (find_tasks), and search the knowledge base (rag_search_knowledge_base)
before writing code. This connection sees one installation only.`;

/** One MCP server for one caller's scope; the transports build one per connection (or request). */
export function createMcpServer(deps: McpDependencies): McpServer {
  const server = new McpServer({ name: "archon", version: "0.1.0" }, { instructions: INSTRUCTIONS });
  registerProjectTools(server, deps);
  registerTaskTools(server, deps);
  registerDocumentTools(server, deps);
  registerHealthTool(server, deps);
  registerResources(server, deps);
  return server;
}
