import { type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { text as readBody } from "node:stream/consumers";

export interface FakeChatMessage {
  role: string;
  content: string;
}

/** A chat completions request as the fake received it. */
export interface FakeChatRequest {
  model: string;
  messages: FakeChatMessage[];
  response_format?: { type: string } | undefined;
  [key: string]: unknown;
}

export interface FakeChange {
  action: "create" | "modify" | "delete";
  path: string;
  content: string | null;
}

/** What the model answers: structured output per the provider's schema, or raw text, or an HTTP error. */
export type FakeAnswer =
  | { output: FakeOutput; promptTokens?: number; completionTokens?: number; model?: string }
  | { content: string; promptTokens?: number; completionTokens?: number; model?: string }
  | { status: number; error: string };

/** The provider's `archon_agent_output` shape, every property present as strict mode asks. */
export interface FakeOutput {
  requestFiles: string[] | null;
  changes: FakeChange[];
  report: {
    summary: string;
    details: string[];
    testsAdded: string[] | null;
    documents: { kind: "doc" | "adr" | "snippet"; title: string; body: string; path: string | null }[] | null;
  };
}

/** The test's model: the request body (and how many came before it) in, the answer out. */
export type FakeScript = (request: FakeChatRequest, index: number) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeOpenAi {
  /** Base URL to use as OPENAI_BASE_URL, e.g. http://127.0.0.1:PORT/v1. */
  url: string;
  /** Every chat completions request body, in arrival order. */
  requests: FakeChatRequest[];
  /** Requests to anything but POST /v1/chat/completions. */
  unexpected: string[];
  close(): Promise<void>;
}

/** One agent's answer, filling in what the schema requires. */
export function modelOutput(changes: FakeChange[], report: Partial<FakeOutput["report"]> & { summary: string }): FakeOutput {
  return {
    requestFiles: null,
    changes,
    report: { details: [], testsAdded: null, documents: null, ...report },
  };
}

/** Which agent a request is for, read from the system message the provider writes. */
export function agentOf(request: FakeChatRequest): string | undefined {
  const system = request.messages.find((m) => m.role === "system")?.content ?? "";
  return /You are Archon's (\w+)\./.exec(system)?.[1];
}

/** The first user message: step, conventions, repository map, files and the task. */
export function promptOf(request: FakeChatRequest): string {
  return request.messages.find((m) => m.role === "user")?.content ?? "";
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** A `chat.completion` object in the shape OpenAI returns it. */
function completion(answer: Exclude<FakeAnswer, { status: number }>, request: FakeChatRequest, index: number) {
  const content = "output" in answer ? JSON.stringify(answer.output) : answer.content;
  const promptTokens = answer.promptTokens ?? 1000;
  const completionTokens = answer.completionTokens ?? 200;
  return {
    id: `chatcmpl-fake${index}`,
    object: "chat.completion",
    created: 1_764_000_000 + index,
    model: answer.model ?? request.model,
    choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" }],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    system_fingerprint: "fp_fake",
  };
}

/**
 * An OpenAI-compatible chat completions server on 127.0.0.1: a real socket, so a child process
 * (`archon run`) can reach it where nock cannot follow.
 */
export async function startFakeOpenAi(script: FakeScript): Promise<FakeOpenAi> {
  const requests: FakeChatRequest[] = [];
  const unexpected: string[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
        unexpected.push(`${req.method} ${req.url}`);
        return sendJson(res, 404, { error: { message: `Unknown request URL: ${req.method} ${req.url}`, type: "invalid_request_error", code: "unknown_url" } });
      }
      let request: FakeChatRequest;
      try {
        request = JSON.parse(text) as FakeChatRequest;
      } catch {
        return sendJson(res, 400, { error: { message: "We could not parse the JSON body of your request.", type: "invalid_request_error" } });
      }
      const index = requests.push(request) - 1;
      const answer = await script(request, index);
      if ("status" in answer) return sendJson(res, answer.status, { error: { message: answer.error, type: "server_error" } });
      sendJson(res, 200, completion(answer, request, index));
    })().catch((error: unknown) => {
      sendJson(res, 500, { error: { message: `fake model failed: ${String(error)}`, type: "server_error" } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    unexpected,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
