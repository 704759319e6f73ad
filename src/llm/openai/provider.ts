import { randomBytes } from "node:crypto";
import type { AgentInput, AgentResult, Usage } from "../../domain/agent.js";
import type { AgentName } from "../../domain/step.js";
import type { FileChange } from "../../domain/forge.js";
import type { Provider } from "../provider.js";
import { type BudgetSource, formatUsd, isSpent, remainingAtStart } from "./budget.js";
import { type ChatCallResult, type ChatFailureCode, type ChatMessage, type ChatTransport, postChatCompletion } from "./chat-client.js";
import { type EndpointOptions, buildEndpoint } from "./endpoint.js";
import { runLoopStep } from "./loop-step.js";
import { chatTransport } from "./transport.js";
import { OUTPUT_JSON_SCHEMA, OUTPUT_SCHEMA_NAME } from "./output-json-schema.js";
import { type ReplyFailureCode, parseReply } from "./parse-reply.js";
import { costOf } from "./pricing.js";
import { type PromptLimits, buildPrompt, filesMessage, repairMessage } from "./prompt.js";
import { likelyFiles, mapPaths, readFiles } from "./repo-context.js";
import type { BackoffPolicy } from "./retry.js";
import type { ChatCompletion, ModelOutput, PriceTable } from "./schema.js";

export interface OpenAiProviderOptions {
  /** e.g. https://api.openai.com/v1, http://localhost:11434/v1, https://NAME.openai.azure.com/openai/deployments/DEPLOYMENT */
  baseUrl: string;
  apiKey?: string | undefined;
  /** Model (Azure: deployment) name; without one the provider declines every task. */
  model: string | undefined;
  timeoutMs: number;
  /** Retries after the first request on 429, 5xx and network errors. */
  maxRetries: number;
  pricing?: PriceTable | undefined;
  budget?: BudgetSource | undefined;
  fetch?: typeof fetch | undefined;
  azure?: EndpointOptions["azure"];
  /** Start with `json_schema` (falls back by itself when the server rejects it) or go straight to `json_object`. */
  responseFormat?: "json_schema" | "json_object" | undefined;
  /** Files the model may ask to read in one extra round; 0 keeps every run single-shot. */
  fileRequests?: number | undefined;
  /** Files read up front from the step, the requester's areas and failures. */
  likelyFiles?: number | undefined;
  maxOutputTokens?: number | undefined;
  temperature?: number | undefined;
  /** Values never to send to the model (the App's key, tokens); the API key is always included. */
  secrets?: readonly string[] | undefined;
  promptLimits?: Partial<PromptLimits> | undefined;
  backoff?: BackoffPolicy | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  random?: (() => number) | undefined;
  /** `loop` (default): with a workspace, the model works through tools; `single-shot`: one answer. */
  agentMode?: "loop" | "single-shot" | undefined;
}

export type OpenAiErrorCode =
  | "budget_spent"
  | "invalid_output"
  | "unexpected_file_request"
  | ReplyFailureCode
  | ChatFailureCode;

type Format = "json_schema" | "json_object" | "none";

const DEFAULT_FILE_REQUESTS = 8;
const DEFAULT_LIKELY_FILES = 12;

function failed(code: OpenAiErrorCode, message: string, usage: Usage): AgentResult {
  return { outcome: "failed", error: `${message} (${code})`, usage: { ...usage } };
}

function responseFormat(format: Format): Record<string, unknown> {
  if (format === "json_schema") {
    return { response_format: { type: "json_schema", json_schema: { name: OUTPUT_SCHEMA_NAME, strict: true, schema: OUTPUT_JSON_SCHEMA } } };
  }
  return format === "json_object" ? { response_format: { type: "json_object" } } : {};
}

function toChanges(output: ModelOutput): FileChange[] {
  return output.changes.map((c) =>
    c.action === "delete" ? { action: "delete", path: c.path } : { action: c.action, path: c.path, content: c.content ?? "" },
  );
}

export function toResult(output: ModelOutput, usage: Usage, overrun: string | undefined): AgentResult {
  const report = output.report;
  const documents = report.documents?.map((d) => ({ kind: d.kind, title: d.title, body: d.body, ...(d.path ? { path: d.path } : {}) }));
  return {
    outcome: "succeeded",
    changes: toChanges(output),
    report: {
      summary: report.summary,
      details: overrun ? [...report.details, overrun] : report.details,
      ...(documents && documents.length > 0 ? { documents } : {}),
      ...(report.testsAdded && report.testsAdded.length > 0 ? { testsAdded: report.testsAdded } : {}),
    },
    usage: { ...usage },
  };
}

/** What one provider keeps between runs: its settings, its completion call and what it has spent. */
export interface ProviderState {
  options: OpenAiProviderOptions;
  model: string;
  secrets: string[];
  fileRequests: number;
  complete: (messages: ChatMessage[]) => Promise<ChatCallResult>;
  spent: number;
  /** Set once the model showed it cannot call tools: later steps go straight to one answer. */
  toolsUnsupported?: boolean;
}

/** A completion call that steps down the response formats the server does not take, and remembers where it stopped. */
function completer(options: OpenAiProviderOptions, model: string, transport: ChatTransport): (messages: ChatMessage[]) => Promise<ChatCallResult> {
  const endpoint = buildEndpoint({ baseUrl: options.baseUrl, apiKey: options.apiKey, model, azure: options.azure });
  const openAiHost = endpoint.azure || new URL(endpoint.url).hostname === "api.openai.com";
  let format: Format = options.responseFormat ?? "json_schema";
  return async (messages) => {
    for (;;) {
      const request: Record<string, unknown> = { model, messages, ...responseFormat(format) };
      if (options.maxOutputTokens !== undefined) request[openAiHost ? "max_completion_tokens" : "max_tokens"] = options.maxOutputTokens;
      if (options.temperature !== undefined) request.temperature = options.temperature;
      const result = await postChatCompletion(endpoint, request, transport);
      if (result.ok || result.code !== "response_format_unsupported" || format === "none") return result;
      format = format === "json_schema" ? "json_object" : "none";
    }
  };
}

/** The refusal when the budget is gone before a step starts. */
function spentBeforeStart(remaining: number | undefined, usage: Usage): AgentResult {
  // The last step's call may have gone past the budget: "-$0.0002 left" reads as a typo.
  const left = remaining !== undefined && remaining < 0 ? `overrun by ${formatUsd(-remaining)}` : `${formatUsd(remaining ?? 0)} left`;
  return failed("budget_spent", `the task's budget is spent (${left}); no model call was made`, usage);
}

/** Adds one completion's tokens and cost to the step's usage and the provider's spending. */
function addUsage(state: ProviderState, usage: Usage, completion: ChatCompletion): void {
  const tokensIn = completion.usage?.prompt_tokens ?? 0;
  const tokensOut = completion.usage?.completion_tokens ?? 0;
  const cost = costOf([state.model, completion.model], tokensIn, tokensOut, state.options.pricing);
  usage.tokensIn += tokensIn;
  usage.tokensOut += tokensOut;
  usage.costUsd += cost;
  state.spent += cost;
}

/** The note a step that went past the budget carries in its report. */
export function overrunNote(remaining: number | undefined, usage: Usage): string | undefined {
  return remaining !== undefined && usage.costUsd > remaining
    ? `Budget overrun: this step cost ${formatUsd(usage.costUsd)} with ${formatUsd(remaining)} left in the task's budget.`
    : undefined;
}

/** The first messages: the task, the repository map and the files the step most likely needs. */
export async function firstPrompt(state: ProviderState, agent: AgentName, input: AgentInput, allPaths: string[], boundary = randomBytes(12).toString("hex")): Promise<ChatMessage[]> {
  const initial = await readFiles(input.repo, likelyFiles(input, allPaths, state.options.likelyFiles ?? DEFAULT_LIKELY_FILES), allPaths);
  return buildPrompt({
    secrets: state.secrets,
    limits: state.options.promptLimits,
    agent,
    task: input.task,
    step: input.step,
    facts: input.facts,
    tree: mapPaths(allPaths),
    files: initial.files,
    knowledge: input.knowledge,
    previousChanges: input.previousChanges,
    fix: input.fix,
    boundary,
    fileRequests: state.fileRequests,
  });
}

/** The answer to the model's request for files: those it may read, and those refused. */
async function requestedFiles(state: ProviderState, input: AgentInput, allPaths: string[], requested: string[]): Promise<ChatMessage> {
  const known = new Set(allPaths);
  const wanted = [...new Set(requested)].slice(0, state.fileRequests);
  const read = await readFiles(input.repo, wanted.filter((p) => known.has(p)), allPaths);
  const refused = [...read.refused, ...wanted.filter((p) => !known.has(p))];
  return filesMessage(read.files, refused, { secrets: state.secrets, limits: state.options.promptLimits });
}

/** The round-trips of one step: at most one to read requested files and one to repair invalid output. */
export async function converse(state: ProviderState, input: AgentInput, allPaths: string[], messages: ChatMessage[], remaining: number | undefined, usage: Usage): Promise<AgentResult> {
  let readRoundUsed = state.fileRequests === 0;
  let repairUsed = false;
  for (;;) {
    if (isSpent(remaining, usage.costUsd)) {
      return failed(
        "budget_spent",
        `the task's budget (${formatUsd(remaining ?? 0)} left at the start of this step) was spent by this step's calls (${formatUsd(usage.costUsd)}); no changes were kept`,
        usage,
      );
    }
    const call = await state.complete(messages);
    if (!call.ok) return failed(call.code, `the model endpoint failed: ${call.message}`, usage);
    addUsage(state, usage, call.completion);
    const reply = parseReply(call.completion);
    if (reply.kind === "failed") return failed(reply.code, reply.message, usage);
    if (reply.kind === "invalid") {
      if (repairUsed) {
        return failed("invalid_output", `the model's answer was still invalid after one correction: ${reply.problems.join("; ")}`, usage);
      }
      repairUsed = true;
      messages.push({ role: "assistant", content: reply.raw }, repairMessage(reply.problems));
      continue;
    }
    const requested = reply.output.requestFiles ?? [];
    if (requested.length > 0 && reply.output.changes.length === 0) {
      if (readRoundUsed) {
        return failed("unexpected_file_request", "the model asked to read more files after its one reading round", usage);
      }
      readRoundUsed = true;
      messages.push({ role: "assistant", content: reply.raw }, await requestedFiles(state, input, allPaths, requested));
      continue;
    }
    return toResult(reply.output, usage, overrunNote(remaining, usage));
  }
}

/** The step's summary with a note on how it was done. */
function withNote(result: AgentResult, note: string): AgentResult {
  return result.outcome === "succeeded" ? { ...result, report: { ...result.report, summary: `${result.report.summary} (${note})` } } : result;
}

/** One agent's step: the budget checked, the context built, then the round-trips with the model. */
async function runStep(state: ProviderState | undefined, agent: AgentName, input: AgentInput): Promise<AgentResult> {
  const usage: Usage = { tokensIn: 0, tokensOut: 0, costUsd: 0 };
  if (!state) return { outcome: "unsupported", reason: "no model is configured for the OpenAI-compatible provider", usage };
  const remaining = await remainingAtStart(state.options.budget, state.spent);
  if (isSpent(remaining, 0)) return spentBeforeStart(remaining, usage);
  // 1. Context: the repository map, and the files the step most likely needs.
  const allPaths = (await input.repo.files()).map((e) => e.path);
  // 2. With a workspace, the model works through tools; one that cannot gets a single answer.
  if (input.workspace && state.options.agentMode !== "single-shot" && !state.toolsUnsupported) {
    const looped = await runLoopStep(state, agent, input, allPaths, remaining);
    if (looped.outcome !== "tools_unsupported") return looped;
    state.toolsUnsupported = true;
    Object.assign(usage, looped.usage);
    if (looped.answer) return withNote(looped.answer, `single-shot: ${state.model} cannot call tools`);
    const messages = await firstPrompt(state, agent, input, allPaths);
    return withNote(await converse(state, input, allPaths, messages, remaining, usage), `single-shot: ${state.model} cannot call tools`);
  }
  const messages = await firstPrompt(state, agent, input, allPaths);
  // 3. Round-trips.
  return converse(state, input, allPaths, messages, remaining, usage);
}

/** The `openai` provider: any OpenAI-compatible chat completions endpoint, including Azure OpenAI. */
export function createOpenAiProvider(options: OpenAiProviderOptions): Provider {
  const model = options.model?.trim() || undefined;
  const secrets = [...(options.secrets ?? []), ...(options.apiKey ? [options.apiKey] : [])];
  const state: ProviderState | undefined = model
    ? { options, model, secrets, fileRequests: options.fileRequests ?? DEFAULT_FILE_REQUESTS, complete: completer(options, model, chatTransport(options, secrets)), spent: 0 }
    : undefined;
  return {
    name: "openai",
    model,
    assess() {
      if (!model) return { supported: false, reason: "No model is configured for the OpenAI-compatible provider: set ARCHON_MODEL." };
      return { supported: true };
    },
    run: (agent, input) => runStep(state, agent, input),
  };
}
