import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { getOctokit } from "@actions/github";
import { run } from "../src/main.js";

const CASES = 10_000;
const FAILURES = 1_000;

interface GitHubCall {
  method: string;
  url: string;
  annotations: number;
}

/**
 * Parse + report for 10,000 test cases with 1,000 failures, GitHub answered by an in-memory fetch.
 * Expected: 1 create + 19 updates carry the 1,000 annotations (50 per request).
 */
export async function benchAction(): Promise<Record<string, unknown>> {
  const workspace = await mkdtemp(path.join(tmpdir(), "archon-action-bench-"));
  const saved = { env: { ...process.env }, write: process.stdout.write, exitCode: process.exitCode };
  try {
    const xml = junit(CASES, FAILURES);
    await writeFile(path.join(workspace, "junit.xml"), xml);
    await writeFile(path.join(workspace, "bench.test.js"), "// generated\n");
    await writeFile(path.join(workspace, "github-output"), "");
    Object.assign(process.env, {
      "INPUT_GITHUB-TOKEN": "bench-token",
      INPUT_REPORTS: "junit.xml",
      INPUT_NAME: "Archon tests",
      "INPUT_FAIL-ON-FAILURE": "false",
      "INPUT_ANNOTATE-ONLY-CHANGED-FILES": "false",
      GITHUB_OUTPUT: path.join(workspace, "github-output"),
    });
    // Outside a runner there is no job summary; inside one, the benchmark must not write to it.
    delete process.env.GITHUB_STEP_SUMMARY;
    const calls: GitHubCall[] = [];
    const octokit = getOctokit("bench-token", { request: { fetch: fakeGitHub(calls) } });
    process.stdout.write = (() => true) as typeof process.stdout.write;

    const cpu = process.cpuUsage();
    const started = performance.now();
    await run({
      octokit,
      context: {
        owner: "owner",
        repo: "repo",
        headSha: "0".repeat(40),
        workflow: "CI",
        job: "test",
        runId: 1,
        serverUrl: "https://github.com",
        workspace,
      },
    });
    const wallMs = performance.now() - started;
    const cpuUsed = process.cpuUsage(cpu);
    process.stdout.write = saved.write;

    const outputs = await readFile(path.join(workspace, "github-output"), "utf8");
    const carrying = calls.filter((call) => call.annotations > 0);
    return {
      cases: CASES,
      failures: FAILURES,
      reportBytes: Buffer.byteLength(xml),
      wallMs: Math.round(wallMs),
      cpuUserMs: Math.round(cpuUsed.user / 1000),
      cpuSystemMs: Math.round(cpuUsed.system / 1000),
      requests: calls.length,
      annotationRequests: carrying.length,
      creates: carrying.filter((call) => call.method === "POST").length,
      updates: carrying.filter((call) => call.method === "PATCH").length,
      annotations: carrying.reduce((sum, call) => sum + call.annotations, 0),
      failedOutput: /^failed<<.+\n(\d+)$/m.exec(outputs)?.[1],
    };
  } finally {
    process.stdout.write = saved.write;
    process.exitCode = saved.exitCode;
    for (const key of Object.keys(process.env)) if (!(key in saved.env)) delete process.env[key];
    Object.assign(process.env, saved.env);
    await rm(workspace, { recursive: true, force: true });
  }
}

function fakeGitHub(calls: GitHubCall[]): typeof fetch {
  return async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = init?.method ?? "GET";
    const body =
      typeof init?.body === "string" ? (JSON.parse(init.body) as { output?: { annotations?: unknown[] } }) : {};
    calls.push({ method, url, annotations: body.output?.annotations?.length ?? 0 });
    const reply =
      method === "GET"
        ? { total_count: 0, check_runs: [] }
        : { id: 1, html_url: "https://github.com/owner/repo/runs/1" };
    return new Response(JSON.stringify(reply), {
      status: method === "POST" ? 201 : 200,
      headers: { "content-type": "application/json" },
    });
  };
}

function junit(total: number, failures: number): string {
  const cases: string[] = [];
  for (let index = 0; index < total; index++) {
    const open = `<testcase classname="bench" name="case ${index}" time="${((index % 89) / 1000).toFixed(3)}" file="bench.test.js"`;
    if (index % (total / failures) === 0) {
      const stack = `Error: expected ${index} to be ${index + 1}\n    at Object.&lt;anonymous&gt; (bench.test.js:${index + 1}:9)`;
      cases.push(`${open}><failure message="expected ${index} to be ${index + 1}">${stack}</failure></testcase>`);
    } else {
      cases.push(`${open}/>`);
    }
  }
  return `<?xml version="1.0"?>\n<testsuites><testsuite name="bench" tests="${total}">\n${cases.join("\n")}\n</testsuite></testsuites>\n`;
}
