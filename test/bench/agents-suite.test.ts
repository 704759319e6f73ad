import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { agentBenchSetup } from "../../bench/lib/agent-bench/setup.js";
import { benchAgents } from "../../bench/suites/agents.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), "archon-agents-suite-"));
  dirs.push(d);
  return d;
}

// Stands in for the benchmark's run.sh: one declined task, its arguments and ARCHON_DIR kept.
const FAKE_RUN = `#!/usr/bin/env bash
W=$2/app/hello
mkdir -p "$W"
echo "$@" > "$2/args"; echo "$ARCHON_DIR" > "$2/archon-dir"
echo "=== app / hello"
printf '[!!] Task 1: failed\\n  It is not a REST route. Configure a model. More.\\n' > "$W/archon.log"
echo 2 > "$W/archon.rc"
echo '{"repo":"app","task":"hello","archon_rc":2,"secs":3.5,"branch":"","criteria_passed":0,"criteria_total":4,"accepted":false}' > "$W/result.json"
echo "agent-bench: 0/1 tasks accepted, 0/4 criteria"
`;

function fakeBench(): { dir: string; mirror: string } {
  const dir = tempDir();
  writeFileSync(path.join(dir, "run.sh"), FAKE_RUN);
  chmodSync(path.join(dir, "run.sh"), 0o755);
  writeFileSync(path.join(dir, "targets.json"), JSON.stringify([{ name: "app", tasks: [{ slug: "hello", acceptance: [1, 2, 3, 4] }] }]));
  const mirror = path.join(dir, "mirror");
  mkdirSync(mirror);
  return { dir, mirror };
}

describe("agentBenchSetup", () => {
  const root = "/p/archon";
  it("reads the folders from the environment, the benchmark next to the project by default", () => {
    const got = agentBenchSetup({ AGENT_BENCH_FILTER: " greeting  notes-crud ", AGENT_BENCH_WORK: "../w" }, root, () => true);
    expect(got).toEqual({
      ok: true,
      setup: { dir: "/p/shared/agent-bench", runScript: "/p/shared/agent-bench/run.sh", mirror: "/work/.mirror", work: "/p/w", filters: ["greeting", "notes-crud"] },
    });
  });

  it.each<[string, NodeJS.ProcessEnv, string]>([
    ["the benchmark", { AGENT_BENCH_DIR: "/nowhere" }, "no agent benchmark at /nowhere (run.sh missing): set AGENT_BENCH_DIR"],
    ["the mirror", { AGENT_BENCH_DIR: "/bench", AGENT_BENCH_MIRROR: "/no-mirror" }, "no repository mirror at /no-mirror: set AGENT_BENCH_MIRROR"],
  ])("says which variable to set when %s is missing", (_what, env, note) => {
    const got = agentBenchSetup(env, root, (p) => p.startsWith("/bench"));
    expect(got.ok).toBe(false);
    expect(!got.ok && got.note).toContain(note);
  });
});

describe("benchAgents", () => {
  it("is skipped, not failed, without the benchmark", async () => {
    const result = await benchAgents({ AGENT_BENCH_DIR: path.join(tempDir(), "missing") }, new PassThrough());
    expect(result).toMatchObject({ name: "agents", status: "skipped", note: expect.stringContaining("set AGENT_BENCH_DIR") });
  });

  it("runs run.sh on this checkout, streams its output and reads the tasks it ran", async () => {
    const { dir, mirror } = fakeBench();
    const work = path.join(tempDir(), "work");
    const log = new PassThrough();
    const streamed: Buffer[] = [];
    log.on("data", (c: Buffer) => streamed.push(c));
    const result = await benchAgents({ AGENT_BENCH_DIR: dir, AGENT_BENCH_MIRROR: mirror, AGENT_BENCH_WORK: work, AGENT_BENCH_FILTER: "hello" }, log);

    expect(readFileSync(path.join(work, "args"), "utf8").trim()).toBe(`${mirror} ${work} hello`);
    expect(readFileSync(path.join(work, "archon-dir"), "utf8").trim()).toBe(path.resolve(import.meta.dirname, "../.."));
    expect(Buffer.concat(streamed).toString()).toContain("=== app / hello");
    expect(result).toMatchObject({ name: "agents", status: "ok" });
    expect(result.data).toMatchObject({
      tasks: [expect.objectContaining({ repo: "app", task: "hello", declineReason: "It is not a REST route. Configure a model." })],
      total: 1,
      accepted: 0,
      criteriaPassed: 0,
      criteriaTotal: 4,
      declines: 1,
      falseDone: 0,
      runExitCode: 0,
      runFinalLine: "agent-bench: 0/1 tasks accepted, 0/4 criteria",
    });
    expect(result.rows.slice(0, 5).map((r) => `${r.metric} | ${r.archon}`)).toEqual([
      "tasks accepted | 0/1",
      "criteria passed | 0/4",
      "declines (no branch) | 1",
      'false "done" (exit 0, not accepted) | 0',
      "app/hello | not accepted, 0/4 criteria, exit 2, 3.5 s",
    ]);
  });
});
