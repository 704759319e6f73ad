import type { AgentInput } from "../../../src/domain/agent.js";
import type { RepoView, TreeEntry } from "../../../src/domain/forge.js";

/** A `chat.completion` object in the shape OpenAI returns it (gpt-4o, 2024-08 and later). */
export function chatCompletion(
  content: string | null,
  options: { finishReason?: string; refusal?: string | null; promptTokens?: number; completionTokens?: number; model?: string } = {},
) {
  const promptTokens = options.promptTokens ?? 1200;
  const completionTokens = options.completionTokens ?? 300;
  return {
    id: "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
    object: "chat.completion",
    created: 1741569952,
    model: options.model ?? "gpt-4o-2024-08-06",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, refusal: options.refusal ?? null, annotations: [] },
        logprobs: null,
        finish_reason: options.finishReason ?? "stop",
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    service_tier: "default",
    system_fingerprint: "fp_fc9f1d7035",
  };
}

export const GOOD_OUTPUT = {
  requestFiles: null,
  changes: [
    { action: "create", path: "src/routes/health.js", content: "export function health(req, res) {\n  res.json({ ok: true });\n}\n" },
    { action: "modify", path: "src/app.js", content: "import express from 'express';\nexport const app = express();\n" },
  ],
  report: {
    summary: "Add a GET /health endpoint",
    details: ["Adds src/routes/health.js and mounts it in src/app.js."],
    testsAdded: null,
    documents: null,
  },
};

export function memoryRepo(files: Record<string, string>): RepoView & { reads: string[] } {
  const reads: string[] = [];
  return {
    ref: "main",
    reads,
    async files(): Promise<TreeEntry[]> {
      return Object.keys(files)
        .sort()
        .map((path) => ({ path, sha: `sha-${path}`, size: files[path]?.length ?? 0 }));
    },
    async read(path: string) {
      reads.push(path);
      return files[path];
    },
  };
}

export function agentInput(overrides: Partial<AgentInput> = {}, files: Record<string, string> = {}): AgentInput {
  return {
    task: { title: "Add a health endpoint", description: "GET /health returns {ok: true}.", acceptanceCriteria: [], areas: [] },
    step: { position: 1, agent: "CodeGenerationAgent", title: "Write the endpoint", dependsOn: [], files: ["src/app.js"] },
    repo: memoryRepo({ "package.json": '{"type":"module"}', "src/app.js": "import express from 'express';\n", ...files }),
    facts: { language: "javascript", framework: "express", moduleStyle: "esm", testRunner: "vitest", testCommand: "npm test", paths: ["src"] },
    knowledge: [],
    previousChanges: [],
    ...overrides,
  };
}
