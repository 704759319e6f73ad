import { randomBytes } from "node:crypto";
import type { AgentInput, AgentResult, Usage } from "../../domain/agent.js";
import type { AgentName } from "../../domain/step.js";
import { loopCall } from "./agent-loop/loop-call.js";
import { loopSystemMessage } from "./agent-loop/loop-prompt.js";
import type { LoopMessage } from "./agent-loop/loop-types.js";
import { runAgentLoop } from "./agent-loop/run-agent-loop.js";
import { buildEndpoint } from "./endpoint.js";
import { parseReply } from "./parse-reply.js";
import { type ProviderState, firstPrompt, overrunNote, toResult } from "./provider.js";
import { ChatCompletion } from "./schema.js";
import { chatTransport } from "./transport.js";

/** The loop's end for the provider: a result, or the model cannot call tools (with its one answer, when it gave a usable one). */
export type LoopStepResult = AgentResult | { outcome: "tools_unsupported"; usage: Usage; answer?: AgentResult | undefined };

/** What the model said instead of calling a tool, taken as a single-shot answer when it is one. */
function singleShotAnswer(content: string | undefined, usage: Usage, remaining: number | undefined): AgentResult | undefined {
  if (!content) return undefined;
  const reply = parseReply(ChatCompletion.parse({ choices: [{ message: { content } }] }));
  return reply.kind === "output" ? toResult(reply.output, usage, overrunNote(remaining, usage)) : undefined;
}

/**
 * One agent's step as a tool loop in the input's workspace: the same first prompt as a single
 * answer (step, conventions, map, likely files, task as untrusted data) under the loop's rules.
 */
export async function runLoopStep(state: ProviderState, agent: AgentName, input: AgentInput, allPaths: string[], remaining: number | undefined): Promise<LoopStepResult> {
  const workspace = input.workspace!;
  const { options, model } = state;
  const boundary = randomBytes(12).toString("hex");
  const [, task] = await firstPrompt(state, agent, input, allPaths, boundary);
  const messages: LoopMessage[] = [loopSystemMessage(agent, boundary), { role: "user", content: task!.content }];
  const endpoint = buildEndpoint({ baseUrl: options.baseUrl, apiKey: options.apiKey, model, azure: options.azure });
  const openAiHost = endpoint.azure || new URL(endpoint.url).hostname === "api.openai.com";
  const call = loopCall({ endpoint, transport: chatTransport(options, state.secrets), model, maxTokensField: openAiHost ? "max_completion_tokens" : "max_tokens", temperature: options.temperature });
  const limits = options.maxOutputTokens === undefined ? {} : { maxOutputTokens: options.maxOutputTokens };
  const result = await runAgentLoop({ workspace, messages, call, model, pricing: options.pricing, remaining, secrets: state.secrets, limits, signal: workspace.signal });
  state.spent += result.usage.costUsd;
  if (result.outcome !== "tools_unsupported") return result;
  return { outcome: "tools_unsupported", usage: result.usage, answer: singleShotAnswer(result.content, { ...result.usage }, remaining) };
}
