import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { registerKbCommand } from "../../src/cli/commands/kb.js";

describe("archon kb", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "archon-kb-"));
    vi.stubEnv("ARCHON_DATA_DIR", path.join(dir, "data"));
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("LOG_LEVEL", "silent");
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await rm(dir, { recursive: true, force: true });
  });

  async function run(...args: string[]): Promise<string> {
    const program = new Command().exitOverride();
    registerKbCommand(program);
    let out = "";
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    try {
      await program.parseAsync(["node", "archon", "kb", ...args]);
    } finally {
      spy.mockRestore();
    }
    return out;
  }

  it("adds a document from a file to the local installation and finds it", async () => {
    const file = path.join(dir, "adr.md");
    await writeFile(file, "We keep jobs in an outbox table and publish them to Redis streams.");
    expect(await run("add", "--title", "Outbox for jobs", "--kind", "adr", "--file", file)).toMatch(/^Added document #\d+: Outbox for jobs/);
    const text = await run("search", "outbox");
    expect(text).toContain("[adr] **Outbox** for jobs  (installation)");
    expect(text).toContain("**outbox**");
    const json = JSON.parse(await run("search", "redis streams", "--json"));
    expect(json.results).toHaveLength(1);
    expect(await run("search", "kangaroo")).toBe('No documents match "kangaroo".\n');
    expect(JSON.parse(await run("search", "outbox", "--kind", "doc", "--json")).results).toEqual([]);
  }, 120_000);
});
