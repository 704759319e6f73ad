import { redactSecrets } from "../sanitize.js";
import type { Endpoint } from "./endpoint.js";
import { type BackoffPolicy, DEFAULT_BACKOFF, backoffDelay, isRetryableStatus, parseRetryAfter } from "./retry.js";
import { ChatCompletion, ErrorBody } from "./schema.js";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export type ChatFailureCode =
  | "timeout"
  | "network"
  | "rate_limited"
  | "server_error"
  | "client_error"
  | "bad_response"
  /** The server rejected `response_format: json_schema`; the caller falls back to `json_object`. */
  | "response_format_unsupported";

export type ChatCallResult =
  | { ok: true; completion: ChatCompletion; attempts: number }
  | { ok: false; code: ChatFailureCode; message: string; status?: number | undefined; attempts: number };

export interface ChatTransport {
  fetch: typeof fetch;
  /** Waits between retries; tests pass one that records instead of sleeping. */
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
  timeoutMs: number;
  /** Retries after the first try; 0 means one request only. */
  maxRetries: number;
  backoff?: BackoffPolicy | undefined;
  /** A server asking for a longer wait than this is reported rather than waited for. */
  maxRetryAfterMs?: number | undefined;
  /** Values that must never appear in an error message (the API key). */
  secrets?: readonly string[] | undefined;
}

const MESSAGE_LIMIT = 500;

function errorMessage(text: string, secrets: readonly string[]): string {
  let message = text.trim();
  try {
    const parsed = ErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) {
      const error = parsed.data.error;
      message = typeof error === "string" ? error : (error.message ?? message);
    }
  } catch {
    // Not JSON: a proxy's HTML page or plain text; keep it as it is.
  }
  const clean = redactSecrets(message, secrets).replace(/\s+/g, " ");
  return clean.length > MESSAGE_LIMIT ? `${clean.slice(0, MESSAGE_LIMIT)}…` : clean;
}

function rejectsResponseFormat(status: number, text: string): boolean {
  return status === 400 && /response_format|json_schema|structured output/i.test(text);
}

type Attempt =
  | { done: true; result: ChatCallResult }
  | { done: false; code: ChatFailureCode; message: string; status?: number; retryAfterMs?: number };

async function attemptOnce(endpoint: Endpoint, body: string, transport: ChatTransport, attempts: number): Promise<Attempt> {
  const secrets = transport.secrets ?? [];
  const seconds = transport.timeoutMs / 1000;
  let response: Response;
  let text: string;
  try {
    const signal = AbortSignal.timeout(transport.timeoutMs);
    response = await transport.fetch(endpoint.url, { method: "POST", headers: endpoint.headers, body, signal });
    text = await response.text();
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (name === "TimeoutError" || name === "AbortError") {
      // Not retried: the server may still be generating (and billing) the first answer.
      return {
        done: true,
        result: { ok: false, code: "timeout", message: `the model did not answer within ${seconds} s`, attempts },
      };
    }
    const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return { done: false, code: "network", message: `could not reach the model endpoint: ${redactSecrets(cause, secrets)}` };
  }
  if (response.ok) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { done: true, result: { ok: false, code: "bad_response", message: "the endpoint answered with something other than JSON", attempts } };
    }
    const parsed = ChatCompletion.safeParse(json);
    if (!parsed.success) {
      return { done: true, result: { ok: false, code: "bad_response", message: "the endpoint's answer is not a chat completion", attempts } };
    }
    return { done: true, result: { ok: true, completion: parsed.data, attempts } };
  }
  const status = response.status;
  const message = `HTTP ${status}: ${errorMessage(text, secrets)}`;
  if (rejectsResponseFormat(status, text)) {
    return { done: true, result: { ok: false, code: "response_format_unsupported", message, status, attempts } };
  }
  if (!isRetryableStatus(status)) {
    return { done: true, result: { ok: false, code: "client_error", message, status, attempts } };
  }
  const code = status === 429 ? "rate_limited" : "server_error";
  const retryAfterMs = parseRetryAfter(response.headers, transport.now());
  return { done: false, code, message, status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}

/**
 * One chat completion with bounded retries: 429, 408 and 5xx and network errors are retried with
 * exponential backoff and jitter, or after the wait the server asked for; other 4xx are final.
 */
export async function postChatCompletion(
  endpoint: Endpoint,
  request: Record<string, unknown>,
  transport: ChatTransport,
): Promise<ChatCallResult> {
  const body = JSON.stringify(request);
  const maxRetryAfterMs = transport.maxRetryAfterMs ?? 60_000;
  for (let attempts = 1; ; attempts += 1) {
    const attempt = await attemptOnce(endpoint, body, transport, attempts);
    if (attempt.done) return attempt.result;
    const failure = { ok: false as const, code: attempt.code, message: attempt.message, status: attempt.status };
    if (attempts > transport.maxRetries) {
      return { ...failure, message: `${attempt.message} (gave up after ${attempts} attempts)`, attempts };
    }
    if (attempt.retryAfterMs !== undefined && attempt.retryAfterMs > maxRetryAfterMs) {
      const wait = Math.ceil(attempt.retryAfterMs / 1000);
      return { ...failure, message: `${attempt.message} (the endpoint asked to wait ${wait} s)`, attempts };
    }
    await transport.sleep(attempt.retryAfterMs ?? backoffDelay(attempts, transport.random(), transport.backoff ?? DEFAULT_BACKOFF));
  }
}
