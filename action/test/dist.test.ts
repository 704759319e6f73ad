import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixture } from "./support/fixtures.js";

const BUNDLE = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const HEAD_SHA = "c".repeat(40);
const MERGE_SHA = "d".repeat(40);

interface Received {
  method: string;
  url: string;
  body: Record<string, unknown>;
}

let workspace: string;
let server: Server;
let received: Received[];

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = "";
  for await (const chunk of request) text += String(chunk);
  return text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
}

beforeEach(async () => {
  workspace = mkdtempSync(path.join(tmpdir(), "archon-action-dist-"));
  received = [];
  server = createServer((request, response) => {
    void readBody(request).then((body) => {
      received.push({ method: request.method ?? "", url: request.url ?? "", body });
      response.setHeader("content-type", "application/json");
      if (request.method === "GET") {
        response.end(JSON.stringify({ total_count: 0, check_runs: [] }));
      } else {
        response.statusCode = 201;
        response.end(JSON.stringify({ id: 3, html_url: "https://github.com/owner/repo/runs/3" }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(workspace, { recursive: true, force: true });
});

describe("the committed bundle", () => {
  it("runs under plain node and reports on the pull request's head commit", async () => {
    mkdirSync(path.join(workspace, "src"));
    writeFileSync(path.join(workspace, "src/sum.test.js"), "");
    writeFileSync(path.join(workspace, "jest.xml"), fixture("jest-junit.xml"));
    const event = path.join(workspace, "event.json");
    writeFileSync(event, JSON.stringify({ pull_request: { number: 4, head: { sha: HEAD_SHA } } }));
    const output = path.join(workspace, "github-output");
    writeFileSync(output, "");
    const { port } = server.address() as AddressInfo;

    const child = promisify(execFile)(process.execPath, [BUNDLE], {
      cwd: workspace,
      env: {
        PATH: process.env.PATH ?? "",
        GITHUB_API_URL: `http://127.0.0.1:${port}`,
        GITHUB_REPOSITORY: "owner/repo",
        GITHUB_EVENT_NAME: "pull_request",
        GITHUB_EVENT_PATH: event,
        GITHUB_SHA: MERGE_SHA,
        GITHUB_WORKSPACE: workspace,
        GITHUB_OUTPUT: output,
        INPUT_REPORTS: "jest.xml",
        "INPUT_GITHUB-TOKEN": "test-token",
        "INPUT_FAIL-ON-FAILURE": "false",
      },
    });
    const { stdout } = await child;

    expect(stdout).not.toContain("::error::");
    expect(received.map((request) => `${request.method} ${request.url.split("?")[0]}`)).toEqual([
      `GET /repos/owner/repo/commits/${HEAD_SHA}/check-runs`,
      "POST /repos/owner/repo/check-runs",
    ]);
    expect(received[1]?.body).toMatchObject({
      name: "Archon tests",
      head_sha: HEAD_SHA,
      status: "completed",
      conclusion: "failure",
      output: { annotations: [expect.objectContaining({ path: "src/sum.test.js", start_line: 9 })] },
    });
    expect(readFileSync(output, "utf8")).toContain("check-run-url<<");
  });
});
