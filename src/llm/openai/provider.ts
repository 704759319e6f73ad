import { randomBytes } from "node:crypto";
import type { AgentInput, AgentResult, Usage } from "../../domain/agent.js";
import type { AgentName } from "../../domain/step.js";
import type { FileChange } from "../../domain/forge.js";
import type { Provider } from "../provider.js";
import { type BudgetSource, formatUsd, isSpent, remainingAtStart } from "./budget.js";
import { type ChatCallResult, type ChatFailureCode, type ChatMessage, type ChatTransport, postChatCompletion } from "./chat-client.js";
import { type EndpointOptions, buildEndpoint } from "./endpoint.js";
import { OUTPUT_JSON_SCHEMA, OUTPUT_SCHEMA_NAME } from "./output-json-schema.js";
import { type ReplyFailureCode, parseReply } from "./parse-reply.js";
import { costOf } from "./pricing.js";
import { type PromptLimits, buildPrompt, filesMessage, repairMessage } from "./prompt.js";
import { likelyFiles, mapPaths, readFiles } from "./repo-context.js";
import type { BackoffPolicy } from "./retry.js";
import type { ModelOutput, PriceTable } from "./schema.js";

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

function toResult(output: ModelOutput, usage: Usage, overrun: string | undefined): AgentResult {
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

/** The `openai` provider: any OpenAI-compatible chat completions endpoint, including Azure OpenAI. */
export function createOpenAiProvider(options: OpenAiProviderOptions): Provider {
  const model = options.model?.trim() || undefined;
  const secrets = [...(options.secrets ?? []), ...(options.apiKey ? [options.apiKey] : [])];
  const transport: ChatTransport = {
    fetch: options.fetch ?? globalThis.fetch,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    now: Date.now,
    timeoutMs: options.timeoutMs,
    maxRetries: Math.max(0, Math.floor(options.maxRetries)),
    backoff: options.backoff,
    secrets,
  };
  const endpoint = model ? buildEndpoint({ baseUrl: options.baseUrl, apiKey: options.apiKey, model, azure: options.azure }) : undefined;
  const openAiHost = endpoint !== undefined && (endpoint.azure || new URL(endpoint.url).hostname === "api.openai.com");
  const fileRequests = options.fileRequests ?? DEFAULT_FILE_REQUESTS;
  let format: Format = options.responseFormat ?? "json_schema";
  let spentByProvider = 0;

  /** One completion, stepping down the response formats the server does not take. */
  async function complete(messages: ChatMessage[]): Promise<ChatCallResult> {
    if (!endpoint || !model) throw new Error("complete() without a model");
    for (;;) {
      const request: Record<string, unknown> = { model, messages, ...responseFormat(format) };
      if (options.maxOutputTokens !== undefined) request[openAiHost ? "max_completion_tokens" : "max_tokens"] = options.maxOutputTokens;
      if (options.temperature !== undefined) request.temperature = options.temperature;
      const result = await postChatCompletion(endpoint, request, transport);
      if (result.ok || result.code !== "response_format_unsupported" || format === "none") return result;
      format = format === "json_schema" ? "json_object" : "none";
    }
  }

  async function run(agent: AgentName, input: AgentInput): Promise<AgentResult> {
    const usage: Usage = { tokensIn: 0, tokensOut: 0, costUsd: 0 };
    if (!model) return { outcome: "unsupported", reason: "no model is configured for the OpenAI-compatible provider", usage };
    const remaining = await remainingAtStart(options.budget, spentByProvider);
    if (isSpent(remaining, 0)) {
      // The last step's call may have gone past the budget: "-$0.0002 left" reads as a typo.
      const left = remaining !== undefined && remaining < 0 ? `overrun by ${formatUsd(-remaining)}` : `${formatUsd(remaining ?? 0)} left`;
      return failed("budget_spent", `the task's budget is spent (${left}); no model call was made`, usage);
    }

    // 1. Context: the repository map, and the files the step most likely needs.
    const allPaths = (await input.repo.files()).map((e) => e.path);
    const initial = await readFiles(input.repo, likelyFiles(input, allPaths, options.likelyFiles ?? DEFAULT_LIKELY_FILES), allPaths);
    const promptBase = { secrets, limits: options.promptLimits };
    const messages = buildPrompt({
      ...promptBase,
      agent,
      task: input.task,
      step: input.step,
      facts: input.facts,
      tree: mapPaths(allPaths),
      files: initial.files,
      knowledge: input.knowledge,
      previousChanges: input.previousChanges,
      fix: input.fix,
      boundary: randomBytes(12).toString("hex"),
      fileRequests,
    });

    // 2. Round-trips: at most one to read requested files and one to repair invalid output.
    let readRoundUsed = fileRequests === 0;
    let repairUsed = false;
    for (;;) {
      if (isSpent(remaining, usage.costUsd)) {
        return failed(
          "budget_spent",
          `the task's budget (${formatUsd(remaining ?? 0)} left at the start of this step) was spent by this step's calls (${formatUsd(usage.costUsd)}); no changes were kept`,
          usage,
        );
      }
      const call = await complete(messages);
      if (!call.ok) return failed(call.code, `the model endpoint failed: ${call.message}`, usage);
      const { completion } = call;
      const tokensIn = completion.usage?.prompt_tokens ?? 0;
      const tokensOut = completion.usage?.completion_tokens ?? 0;
      const cost = costOf([model, completion.model], tokensIn, tokensOut, options.pricing);
      usage.tokensIn += tokensIn;
      usage.tokensOut += tokensOut;
      usage.costUsd += cost;
      spentByProvider += cost;

      const reply = parseReply(completion);
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
        const known = new Set(allPaths);
        const wanted = [...new Set(requested)].slice(0, fileRequests);
        const read = await readFiles(input.repo, wanted.filter((p) => known.has(p)), allPaths);
        const refused = [...read.refused, ...wanted.filter((p) => !known.has(p))];
        messages.push({ role: "assistant", content: reply.raw }, filesMessage(read.files, refused, promptBase));
        continue;
      }
      const overrun =
        remaining !== undefined && usage.costUsd > remaining
          ? `Budget overrun: this step cost ${formatUsd(usage.costUsd)} with ${formatUsd(remaining)} left in the task's budget.`
          : undefined;
      return toResult(reply.output, usage, overrun);
    }
  }

  return {
    name: "openai",
    model,
    assess() {
      if (!model) return { supported: false, reason: "No model is configured for the OpenAI-compatible provider: set ARCHON_MODEL." };
      return { supported: true };
    },
    run,
  };
}
