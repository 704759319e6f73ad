import { performance } from "node:perf_hooks";
import type { RepoConfig } from "../../../src/archon/repo-config.schema.js";
import { loadConfig } from "../../../src/config/load-config.js";
import type { Db } from "../../../src/db/database.js";
import type { BudgetSource } from "../../../src/llm/openai/budget.js";
import { runLocalTask } from "../../../src/local/run-local-task.js";
import { providerFor } from "../../../src/worker/providers.js";
import { exampleRepo } from "../../../test/local/example-repo.js";
import { type ScriptStep, type ScriptedReply, type ScriptedRequest, startScriptedModel } from "../../../test/support/scripted-model.js";
import { type AgentLoopRun, countToolCalls, lastOfConversations, testsBeforeCommit } from "./report.js";
import { type AgentMode, type AgentScripts, agentOf, scriptsFor } from "./scripts.js";
import { type BenchTask, FIXTURE } from "./tasks.js";

const MAX_REQUESTS = 60;

/** Rough token count of text: about four characters a token in English and code. */
const tokens = (value: unknown) => Math.ceil(JSON.stringify(value).length / 4);

/** The model's side: answers by agent and turn, records its answers and the time it took to choose them. */
function modelScript(scripts: AgentScripts, replies: ScriptedReply[], spent: { wallMs: number; cpuUs: number }): ScriptStep[] {
  const turns: Record<string, number> = {};
  return Array.from({ length: MAX_REQUESTS }, () => (request: ScriptedRequest) => {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const agent = agentOf(request);
    const turn = (turns[agent] = (turns[agent] ?? 0) + 1);
    const script = scripts[agent] ?? [];
    const chosen = script[Math.min(turn, script.length) - 1]?.(request) ?? { content: `no script for ${agent}` };
    // Usage as an endpoint would count it: what Archon sent, what the model answered.
    const reply = { ...chosen, usage: [tokens(request.messages) + tokens(request.tools ?? []), tokens(chosen)] as [number, number] };
    replies.push(reply);
    const used = process.cpuUsage(cpu);
    spent.cpuUs += used.user + used.system;
    spent.wallMs += performance.now() - wall;
    return reply;
  });
}

/** Runs one task in one mode through `runLocalTask` on a fresh copy of the fixture and measures it. */
export async function runAgentLoopTask(db: Db, task: BenchTask, mode: AgentMode): Promise<AgentLoopRun> {
  const replies: ScriptedReply[] = [];
  const spent = { wallMs: 0, cpuUs: 0 };
  const model = await startScriptedModel(modelScript(scriptsFor(task, mode), replies, spent));
  const repo = exampleRepo({ ".github/archon.yml": `agentMode: ${mode}\n` }, FIXTURE);
  try {
    const config = loadConfig({ ARCHON_PROVIDER: "openai", ARCHON_MODEL: "gpt-4o-mini", OPENAI_BASE_URL: model.url, OPENAI_API_KEY: "sk-bench-0123456789abcdefghijklmn" });
    const provider = (repoConfig: RepoConfig, budget?: BudgetSource) => providerFor(config, repoConfig, budget ?? repoConfig.budgetUsd);
    const spec = { title: task.title, description: "", acceptanceCriteria: [], areas: [] };
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const report = await runLocalTask({ repoPath: repo.dir, spec }, { db, provider, approve: async () => true });
    const used = process.cpuUsage(cpu);
    return {
      task: task.name,
      mode,
      turns: model.requests.length,
      toolCalls: countToolCalls(replies),
      tokensIn: report.usage.tokensIn,
      tokensOut: report.usage.tokensOut,
      wallMs: Math.round(performance.now() - wall - spent.wallMs),
      cpuMs: Math.round((used.user + used.system - spent.cpuUs) / 1000),
      testsBeforeCommit: testsBeforeCommit(lastOfConversations(model.requests)),
      status: report.status,
      outcome: report.outcome,
    };
  } finally {
    await model.close();
    repo.remove();
  }
}
