import { type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { text as readBody } from "node:stream/consumers";

/** A chat completions request as the scripted model received it. */
export interface ScriptedRequest {
  model: string;
  messages: { role: string; content: string | null; tool_call_id?: string; tool_calls?: { id: string; function: { name: string; arguments: string } }[] }[];
  tools?: { type: string; function: { name: string } }[];
  [key: string]: unknown;
}

/** One answer: tool calls (arguments as an object, or raw text to send broken JSON), plain content, or an HTTP error. */
export type ScriptedReply =
  | { tools: { name: string; args: Record<string, unknown> | string }[]; content?: string; usage?: [number, number]; model?: string }
  | { content: string; usage?: [number, number]; model?: string }
  | { status: number; error: string };

/** A reply, or a function of the request that chooses it (it can read the tool results so far). */
export type ScriptStep = ScriptedReply | ((request: ScriptedRequest) => ScriptedReply);

export interface ScriptedModel {
  /** Base URL, e.g. http://127.0.0.1:PORT/v1. */
  url: string;
  requests: ScriptedRequest[];
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function completion(reply: Exclude<ScriptedReply, { status: number }>, request: ScriptedRequest, index: number) {
  const [promptTokens, completionTokens] = reply.usage ?? [500, 100];
  const toolCalls =
    "tools" in reply
      ? reply.tools.map((t, i) => ({ id: `call_${index}_${i}`, type: "function", function: { name: t.name, arguments: typeof t.args === "string" ? t.args : JSON.stringify(t.args) } }))
      : undefined;
  return {
    id: `chatcmpl-scripted${index}`,
    object: "chat.completion",
    model: reply.model ?? request.model,
    choices: [{ index: 0, message: { role: "assistant", content: reply.content ?? null, ...(toolCalls ? { tool_calls: toolCalls } : {}) }, finish_reason: toolCalls ? "tool_calls" : "stop" }],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}

/**
 * An OpenAI-compatible server on 127.0.0.1 answering POST /v1/chat/completions from a script, one
 * step per request in order; past the script's end it answers 500. A real socket, so `archon run`
 * in this process or a child reaches it the way it reaches a real endpoint.
 */
export async function startScriptedModel(script: ScriptStep[]): Promise<ScriptedModel> {
  const requests: ScriptedRequest[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") return send(res, 404, { error: { message: `unknown URL ${req.url}` } });
      const request = JSON.parse(body) as ScriptedRequest;
      const index = requests.push(request) - 1;
      const step = script[index];
      if (!step) return send(res, 500, { error: { message: `the script has no reply ${index + 1}` } });
      const reply = typeof step === "function" ? step(request) : step;
      if ("status" in reply) return send(res, reply.status, { error: { message: reply.error, type: "invalid_request_error" } });
      send(res, 200, completion(reply, request, index));
    })().catch((error: unknown) => send(res, 500, { error: { message: `scripted model failed: ${String(error)}` } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The content of the tool results in the request, latest last. */
export function toolResults(request: ScriptedRequest): string[] {
  return request.messages.filter((m) => m.role === "tool").map((m) => m.content ?? "");
}

/** The latest tool result. */
export function lastToolResult(request: ScriptedRequest): string {
  return toolResults(request).at(-1) ?? "";
}
