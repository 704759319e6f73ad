import { type OpenWorkspace, openGitWorkspace } from "../../../../src/forge/local/git-workspace.js";
import { buildEndpoint } from "../../../../src/llm/openai/endpoint.js";
import { loopCall } from "../../../../src/llm/openai/agent-loop/loop-call.js";
import { loopSystemMessage } from "../../../../src/llm/openai/agent-loop/loop-prompt.js";
import type { LoopOptions, LoopResult } from "../../../../src/llm/openai/agent-loop/loop-types.js";
import { runAgentLoop } from "../../../../src/llm/openai/agent-loop/run-agent-loop.js";
import { type ScriptStep, type ScriptedModel, startScriptedModel } from "../../../support/scripted-model.js";
import { tinyProject } from "./tiny-project.js";

export const API_KEY = "sk-loop-test-0123456789abcdefghijkl";

export interface Harness {
  model: ScriptedModel;
  workspace: OpenWorkspace;
  waits: number[];
  run(options?: Partial<LoopOptions>, maxRetries?: number): Promise<LoopResult>;
}

/** A tiny project in a worktree workspace, a scripted model, and the loop between them; `cleanups` undoes it all. */
export async function harness(script: ScriptStep[], cleanups: (() => unknown)[], extra: Record<string, string> = {}, commands: Record<string, string> = {}): Promise<Harness> {
  const project = tinyProject(extra);
  cleanups.push(project.remove);
  const workspace = await openGitWorkspace(project.dir, project.head, [], { testCommand: "node --test", commands });
  cleanups.push(() => workspace.close());
  const model = await startScriptedModel(script);
  cleanups.push(() => model.close());
  const waits: number[] = [];
  const run = (options: Partial<LoopOptions> = {}, maxRetries = 0) => {
    const endpoint = buildEndpoint({ baseUrl: model.url, apiKey: API_KEY, model: "loop-model" });
    const transport = { fetch: globalThis.fetch, sleep: async (ms: number) => void waits.push(ms), random: () => 0.5, now: Date.now, timeoutMs: 10_000, maxRetries, secrets: [API_KEY] };
    return runAgentLoop({
      workspace,
      messages: [loopSystemMessage("CodeGenerationAgent", "b0undary"), { role: "user", content: "Add a mul function with a test." }],
      call: loopCall({ endpoint, transport, model: "loop-model", maxTokensField: "max_tokens" }),
      model: "loop-model",
      remaining: undefined,
      secrets: [API_KEY],
      ...options,
      limits: { maxOutputTokens: 1000, ...options.limits },
    });
  };
  return { model, workspace, waits, run };
}
