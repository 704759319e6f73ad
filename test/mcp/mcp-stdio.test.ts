import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRET, token } from "../api/tokens.js";
import { callTool, connect } from "./client.js";

const entry = fileURLToPath(new URL("./stdio-entry.ts", import.meta.url));

function archonMcp(dataDir: string, archonToken: string): StdioClientTransport {
  return new StdioClientTransport({
    command: process.execPath,
    args: ["--import", "tsx", entry, "mcp"],
    env: { ARCHON_DATA_DIR: dataDir, ARCHON_JWT_SECRET: SECRET, ARCHON_TOKEN: archonToken, LOG_LEVEL: "error" },
    stderr: "pipe",
  });
}

describe("archon mcp over stdio", () => {
  let dataDir: string;
  let client: Client;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "archon-mcp-"));
    client = await connect(archonMcp(dataDir, await token(0, "archon-mcp")));
  }, 120_000);
  afterAll(async () => {
    await client?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("serves the local installation's tools on the embedded database", async () => {
    expect((await callTool(client, "health_check")).json).toMatchObject({ status: "healthy", installation: 0 });
    const project = await callTool(client, "create_project", { title: "Notes" });
    expect(project.json.project).toMatchObject({ title: "Notes", standalone: true });
    await callTool(client, "manage_document", { action: "create", kind: "snippet", title: "Retry loop", body: "Exponential backoff with jitter." });
    const found = await callTool(client, "rag_search_knowledge_base", { query: "jitter" });
    expect(found.json.results).toHaveLength(1);
    expect(found.json.results[0].snippet).toContain("**jitter**");
  });

  it("refuses to start with a token made for the REST API", async () => {
    const transport = archonMcp(dataDir, await token(0, "archon-api"));
    let stderr = "";
    transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    await expect(connect(transport)).rejects.toThrow();
    expect(stderr).toContain("ARCHON_TOKEN is not usable: the token was not made for this service");
  }, 60_000);
});
